// feed_check_icaljs.mjs - the ical.js side of t80_feeds.sh: memocal's feeds read by ical.js (Mozilla's parser,
// the one Thunderbird uses), a second reader independent of both libical and python3-icalendar.
//
//   node feed_check_icaljs.mjs version                   ical.js loads (from tests/feeds/node_modules)
//   node feed_check_icaljs.mjs content FEED EXPECT.json  the calendar, its zones and each series' master VEVENT
//   node feed_check_icaljs.mjs occurrences FEED FROM DAYS
//                                                        one "uid|start" line per occurrence ical.js expands in
//                                                        [FROM 00:00Z, FROM + DAYS): UTC seconds, or the date of
//                                                        an all-day occurrence
//
// Occurrences are expanded per UID: ical.js's Event, left to find its exceptions itself, relates every VEVENT
// with a RECURRENCE-ID in the calendar to every master whatever its UID (a moved meeting of one series would
// move an occurrence of another that happens to share its local start). So the VEVENTs are grouped by UID and
// each master gets only its own exceptions.
import fs from 'node:fs';

const ICAL = (await import(new URL('../feeds/node_modules/ical.js/dist/ical.js', import.meta.url).href)).default;

let failed = false;
function ok(name, good, detail) {
	console.log(`${good ? 'ok' : 'not ok'} - ${name}`);
	if (!good) {
		failed = true;
		for (const line of String(detail ?? '').split('\n').slice(0, 12)) console.log(`#   ${line}`);
	}
	return good;
}

function calendarOf(path) {
	const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(path, 'utf8')));
	// the feed's own VTIMEZONEs, as a client would use them (never the host's zone data)
	for (const vtz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
	return comp;
}

function pick(en, az, lang) {
	const [mine, other] = lang === 'az' ? [az, en] : [en, az];
	return mine ? mine : other;
}

function catalogue(path) {
	const out = {};
	for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
		const i = line.indexOf('=');
		if (i > 0 && !line.trimStart().startsWith('#')) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
	}
	return out;
}

function content(path, expectPath) {
	const x = JSON.parse(fs.readFileSync(expectPath, 'utf8'));
	const lang = x.lang;
	const msgs = catalogue(x.messages);
	let cal;
	try {
		cal = calendarOf(path);
	} catch (e) {
		ok(`ical.js parses the ${lang} feed`, false, String(e));
		return;
	}
	const events = cal.getAllSubcomponents('vevent');
	ok(`ical.js parses the ${lang} feed (${events.length} VEVENTs)`, events.length > 0);
	// the zones' real rules only: no observance starting at the last second of 32-bit time that changes nothing
	const markers = [];
	for (const z of cal.getAllSubcomponents('vtimezone'))
		for (const obs of z.getAllSubcomponents()) {
			const start = obs.getFirstPropertyValue('dtstart');
			if (start && start.year === 2038 && start.month === 1 && start.day === 19)
				markers.push(`${z.getFirstPropertyValue('tzid')} ${start.toString()}`);
		}
	ok('ical.js: the VTIMEZONEs carry no 2038-01-19 end marker', markers.length === 0, markers.join(', '));
	ok('ical.js: VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH',
		cal.getFirstPropertyValue('version') === '2.0' && !!cal.getFirstPropertyValue('prodid') &&
		cal.getFirstPropertyValue('calscale') === 'GREGORIAN' && cal.getFirstPropertyValue('method') === 'PUBLISH');
	const scope = pick(x.scope_title_en, x.scope_title_az, lang);
	const name = msgs['feed.name'].replace('{name}', scope);
	ok(`ical.js: X-WR-CALNAME in the token's language (${lang})`, cal.getFirstPropertyValue('x-wr-calname') === name,
		`${cal.getFirstPropertyValue('x-wr-calname')} / ${name}`);
	// ical.js 2.2.1 has no type for RFC 7986's NAME: it hands back the value as written, so what it
	// reads must be the name written as TEXT (escaped), which python3-icalendar reads back as the name
	const asText = name.replace(/[\\;,]/g, (ch) => '\\' + ch).replace(/\n/g, '\\n');
	ok('ical.js: NAME (RFC 7986), which it reads untyped, is the name written as TEXT',
		cal.getFirstPropertyValue('name') === asText, `${cal.getFirstPropertyValue('name')} / ${asText}`);
	const ri = cal.getFirstProperty('refresh-interval');
	ok('ical.js: REFRESH-INTERVAL is a DURATION', ri && ri.type === 'duration' &&
		ri.getFirstValue().toSeconds() === x.refresh_minutes * 60, ri && ri.toICALString());

	const zones = cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
	const missing = [];
	for (const ev of events)
		for (const p of ['dtstart', 'dtend', 'recurrence-id', 'rdate', 'exdate'])
			for (const prop of ev.getAllProperties(p)) {
				const tzid = prop.getParameter('tzid');
				if (tzid && !ICAL.TimezoneService.has(tzid)) missing.push(tzid);
			}
	ok(`ical.js: every TZID has its VTIMEZONE in the feed (${zones.join(', ')})`, missing.length === 0,
		[...new Set(missing)].join(', '));

	// one category, the memorandum's title (a comma in it written as U+201A: libical cannot escape one there)
	const category = x.memorandum_title_en ? pick(x.memorandum_title_en, x.memorandum_title_az, lang).replaceAll(',', '\u201a') : null;
	const roles = {chair: 'CHAIR', required: 'REQ-PARTICIPANT', optional: 'OPT-PARTICIPANT'};
	for (const s of x.series) {
		const label = `ical.js: ${s.title_en} (${lang})`;
		const own = events.filter((e) => e.getFirstPropertyValue('uid') === s.uid);
		const master = own.find((e) => !e.hasProperty('recurrence-id'));
		if (!master) {
			ok(`${label}: its master VEVENT`, false);
			continue;
		}
		const ev = new ICAL.Event(master, {exceptions: own.filter((e) => e !== master)});
		const problems = [];
		if (ev.summary !== pick(s.title_en, s.title_az, lang)) problems.push(`SUMMARY ${ev.summary}`);
		// the online link where Google Calendar and Outlook show it: a line of the description, the place when none
		let desc = pick(s.description_en, s.description_az, lang) || null;
		let place = s.location || null;
		if (s.location_url) {
			const line = `${msgs['feed.online']}: ${s.location_url}`;
			desc = desc ? `${desc}\n\n${line}` : line;
			place = place || s.location_url;
			const conf = master.getFirstProperty('conference');
			if (!conf || conf.getFirstValue() !== s.location_url) problems.push(`CONFERENCE ${conf && conf.toICALString()}`);
		}
		if ((ev.description ?? null) !== desc) problems.push(`DESCRIPTION ${ev.description}`);
		if ((ev.location ?? null) !== place) problems.push(`LOCATION ${ev.location}`);
		if (s.all_day ? !ev.startDate.isDate : ev.startDate.isDate || ev.startDate.zone.tzid !== s.tzid)
			problems.push(`DTSTART ${ev.startDate.toString()} zone ${ev.startDate.zone && ev.startDate.zone.tzid}`);
		if (ev.isRecurring() !== !!s.rrule) problems.push(`recurring: ${ev.isRecurring()}`);
		if (s.rrule) {
			const rule = master.getFirstPropertyValue('rrule');
			const want = ICAL.Recur.fromString(s.rrule);
			if (!rule || rule.toString() !== want.toString()) problems.push(`RRULE ${rule} / ${want}`);
		}
		// SEQUENCE is left out when it is 0 (RFC 5545's default)
		const seq = master.getFirstPropertyValue('sequence');
		if ((seq ?? 0) !== s.sequence || seq === 0) problems.push(`SEQUENCE ${seq}`);
		const cats = master.getAllProperties('categories').flatMap((p) => p.getValues());
		if (JSON.stringify(cats) !== JSON.stringify([category])) problems.push(`CATEGORIES ${JSON.stringify(cats)}`);
		const att = ev.attendees;
		if (att.length !== s.attendees.length) problems.push(`${att.length} ATTENDEEs`);
		s.attendees.forEach((w, i) => {
			const a = att[i];
			if (!a) return;
			const want = {cn: pick(w.name_en, w.name_az, lang), role: roles[w.role], partstat: w.partstat.toUpperCase(),
				cutype: w.person_id ? 'INDIVIDUAL' : 'GROUP'};
			for (const k of Object.keys(want))
				if (a.getParameter(k) !== want[k]) problems.push(`ATTENDEE ${i} ${k}=${a.getParameter(k)}, want ${want[k]}`);
		});
		const chair = s.attendees.find((w) => w.role === 'chair');
		const org = master.getFirstProperty('organizer');
		if (chair ? !org || org.getParameter('cn') !== pick(chair.name_en, chair.name_az, lang) : !!org)
			problems.push(`ORGANIZER ${org && org.toICALString()}`);
		ok(`${label}: its master VEVENT: SUMMARY/DESCRIPTION/LOCATION, DTSTART ${s.all_day ? 'DATE' : s.tzid}, RRULE, ` +
			'SEQUENCE, CATEGORIES, ATTENDEEs, ORGANIZER', problems.length === 0, problems.join('\n'));
	}
}

function occurrences(path, from, days) {
	const cal = calendarOf(path);
	const a = Date.parse(`${from}T00:00:00Z`) / 1000;
	const b = a + Number(days) * 86400;
	const dayOf = (t) => `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
	const dayA = new Date(a * 1000).toISOString().slice(0, 10);
	const dayB = new Date(b * 1000).toISOString().slice(0, 10);
	const byUid = new Map();
	for (const ve of cal.getAllSubcomponents('vevent')) {
		const uid = ve.getFirstPropertyValue('uid');
		if (!byUid.has(uid)) byUid.set(uid, []);
		byUid.get(uid).push(ve);
	}
	const out = new Set();
	for (const [uid, list] of byUid) {
		const master = list.find((e) => !e.hasProperty('recurrence-id'));
		if (!master) continue;
		const ev = new ICAL.Event(master, {exceptions: list.filter((e) => e !== master)});
		const emit = (start, end) => {
			if (start.isDate) {
				// all-day: floating dates; overlapping the window's days
				if (dayOf(start) < dayB && dayOf(end) > dayA) out.add(`${uid}|${dayOf(start)}`);
			} else {
				const s = start.toUnixTime(), e = end.toUnixTime();
				if (s < b && e > a) out.add(`${uid}|${s}`);
			}
		};
		if (!ev.isRecurring()) {
			emit(ev.startDate, ev.endDate);
			continue;
		}
		const it = ev.iterator();
		for (let n = 0, next; (next = it.next()) && n < 100000; n++) {
			const d = ev.getOccurrenceDetails(next);
			// starts only grow; a moved occurrence may sit later than its slot, so look a year on
			if (next.toUnixTime() >= b + 366 * 86400) break;
			emit(d.startDate, d.endDate);
		}
	}
	for (const line of [...out].sort()) console.log(line);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'version' && args.length === 0) {
	console.log(`ical.js loaded (${typeof ICAL.parse === 'function' ? 'parse' : 'no parse'})`);
} else if (cmd === 'content' && args.length === 2) {
	content(...args);
} else if (cmd === 'occurrences' && args.length === 3) {
	occurrences(...args);
} else {
	console.error('usage: feed_check_icaljs.mjs version | content FEED EXPECT.json | occurrences FEED FROM DAYS');
	process.exit(2);
}
process.exit(failed ? 1 : 0);
