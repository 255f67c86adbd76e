// tests/browser/run.mjs - memocal as a person uses it: Debian's headless Chromium, driven by
// playwright-core, against a running stack. tests/run starts it after the integration tests of
// the plain build (see the function browser there); by hand:
//   BASE=http://127.0.0.1:PORT PASSWORD=... SHOTS=/tmp/shots node tests/browser/run.mjs
// Needs the accounts admin, editor and viewer with PASSWORD (tests/run creates them).
// Prints one line per check, "ok - browser: ..." or "not ok - browser: ...", appends the same
// lines to $RESULTS when it is set, and exits 1 when a check failed. Screenshots of failures (and
// the phone-width screenshot of a record) go to $SHOTS. The whole run is bounded: every wait has
// a timeout and a watchdog ends the run after RUN_LIMIT_MS.
import { chromium } from 'playwright-core';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = (process.env.BASE || '').replace(/\/$/, '');
const PASSWORD = process.env.PASSWORD || '';
const RESULTS = process.env.RESULTS || '';
const SHOTS = process.env.SHOTS || join(tmpdir(), 'memocal-browser-shots');
const RUN_LIMIT_MS = 600_000; // a bound for a hang, not a speed target (a loaded machine takes several minutes): the axe-core sweep visits every page at two widths in two languages; five scenarios
const STEP_TIMEOUT_MS = 5_000; // every click, fill and wait
const NAV_TIMEOUT_MS = 10_000; // every page load

// axe-core (npm), evaluated in each page it checks (DevTools evaluation is not bound by the page's CSP)
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The widths people use: a common phone (390 px) and a laptop (1280 px)
const WIDTHS = [[390, 844], [1280, 900]];

// The text a person types into the Azerbaijani field: every letter Azerbaijani adds to Latin,
// the dotted capital İ, and a dash, which must come back exactly as typed.
const AZ_TEXT = 'Xəzər Universiteti ilə əməkdaşlıq — şəhər, çay, ğ, ö, ü, İ';
const EN_TEXT = 'Cooperation with Khazar University';
const UNIQUE = Date.now().toString(36); // slugs are unique: lets the test run twice on one database

// The form the editor fills in: a memorandum between the two seed organisations (ids 1 and 2).
// The organisation form's settings stay for the viewer's checks and as a second shape of form.
const FORMS = {
	memorandum: {
		path: '/memoranda/new',
		record: /\/memoranda\/\d+$/,
		en: 'title_en',
		az: 'title_az',
		// [invalid value, error message, valid value]
		// a date input takes only real dates, so the mistake a person can make is an order of dates
		bad: { valid_until: ['2024-04-01', 'Must be after the signing date.', '2029-04-30'] },
		other: { signed_on: '2024-05-01' },
		select: { party_0_org: '1', party_1_org: '2', status: 'signed' },
		azLabels: ['Memorandumlar', 'Təşkilatlar'],
		enLabels: ['Memoranda', 'Organisations'],
	},
	organisation: {
		path: '/organisations/new',
		record: /\/organisations\/\d+$/,
		en: 'name_en',
		az: 'name_az',
		bad: {
			slug: ['Bad Slug!', 'Small Latin letters, digits and hyphens only, starting with a letter or digit.', `xezer-${UNIQUE}`],
			website: ['javascript:alert(1)', 'A web address starting with http:// or https://.', 'https://www.khazar.org'],
		},
		other: { short_name_en: 'KU', short_name_az: 'XU' },
		select: { kind: 'university' },
		azLabels: ['Təşkilatlar', 'Növ', 'Qısa kod', 'Veb sayt'],
		enLabels: ['Organisations', 'Kind', 'Short code', 'Website'],
	},
};

let failed = 0;
function emit(line) {
	console.log(line);
	if (RESULTS) appendFileSync(RESULTS, line + '\n');
}
function pass(name) {
	emit(`ok - browser: ${name}`);
}
function fail(name, detail) {
	failed++;
	emit(`not ok - browser: ${name}`);
	if (detail) for (const l of String(detail).split('\n').slice(0, 10)) emit(`    ${l}`);
}
function assert(cond, message) {
	if (!cond) throw new Error(message);
}
function same(got, want, what) {
	assert(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// Everything that goes wrong in a page without a step noticing: console errors, script errors,
// requests that failed and subresources that answered 4xx/5xx (the 403 and 422 documents the
// steps expect are checked by the steps themselves).
// Chromium logs every 4xx/5xx document to the console as "Failed to load resource"; expect()
// marks the ones a step asked for (the 422 of an invalid form, the 403 of a forbidden page).
const trouble = [];
const expected = new Set();
function expect(response, status) {
	same(response.status(), status, `${response.request().method()} ${new URL(response.url()).pathname} status`);
	expected.add(`${status} ${response.url()}`);
}
function watch(page, who) {
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		// judged at the end: the message may come before the step has looked at the response
		const status = /^Failed to load resource: .* status of (\d+)/.exec(m.text());
		const line = `${who}: console error on ${page.url()}: ${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`;
		trouble.push(status ? () => (expected.has(`${status[1]} ${m.location().url}`) ? '' : line) : line);
	});
	page.on('pageerror', (e) => trouble.push(`${who}: script error on ${page.url()}: ${e.message}`));
	page.on('requestfailed', (r) => {
		// a subresource still loading when the page moves on (a click leaves the page) is aborted
		// by the browser itself; that is navigation, not a failure of memocal
		if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.resourceType() !== 'document') return;
		trouble.push(`${who}: request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document')
			trouble.push(`${who}: ${r.status()} for ${r.request().resourceType()} ${r.url()}`);
	});
}

let shotNo = 0;
async function shoot(page, name) {
	if (!page || page.isClosed()) return '';
	const file = join(SHOTS, `${String(++shotNo).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
	try {
		await page.screenshot({ path: file, fullPage: true, timeout: STEP_TIMEOUT_MS });
		return file;
	} catch {
		return '';
	}
}

// A scenario is a list of steps on one page; after the first failure the rest are reported as
// not reached (they depend on it), so a broken login costs one timeout, not twenty.
async function scenario(page, steps) {
	let broken = '';
	for (const [name, fn] of steps) {
		if (broken) {
			fail(name, `not reached: "${broken}" failed`);
			continue;
		}
		try {
			await fn();
			pass(name);
		} catch (e) {
			const shot = await shoot(page, name);
			fail(name, `${e.message.split('\n').slice(0, 5).join('\n')}\nat ${page.url()}${shot ? `\nscreenshot: ${shot}` : ''}`);
			broken = name;
		}
	}
}

async function goto(page, path) {
	return page.goto(BASE + path, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
}

// click SELECTOR and wait for the page it loads; returns the response of the first request
// (the POST itself, before any redirect) when method is given.
async function submit(page, locator, method, path) {
	const waits = [page.waitForEvent('load', { timeout: NAV_TIMEOUT_MS })];
	if (method)
		waits.push(page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path, { timeout: NAV_TIMEOUT_MS }));
	const [, response] = await Promise.all([...waits, locator.click({ timeout: STEP_TIMEOUT_MS })]);
	return response;
}

async function logIn(page, login) {
	const r = await goto(page, '/login');
	same(r.status(), 200, 'GET /login status');
	await page.locator('#login').pressSequentially(login, { timeout: STEP_TIMEOUT_MS });
	await page.locator('#password').pressSequentially(PASSWORD, { timeout: STEP_TIMEOUT_MS });
	const post = await submit(page, page.locator('form[action="/login"] button[type=submit]'), 'POST', '/login');
	same(post.status(), 303, 'POST /login status');
	assert(!new URL(page.url()).pathname.startsWith('/login'), `still on ${page.url()} after logging in`);
	same((await page.locator('header .who').textContent({ timeout: STEP_TIMEOUT_MS })).trim(), login, 'the name shown in the header');
	const nav = page.locator('header nav');
	for (const href of ['/memoranda', '/organisations'])
		assert((await nav.locator(`a[href="${href}"]`).count()) === 1, `the nav has no link to ${href}`);
}

async function htmlLang(page) {
	return page.locator('html').getAttribute('lang', { timeout: STEP_TIMEOUT_MS });
}

async function bodyText(page) {
	return page.locator('body').innerText({ timeout: STEP_TIMEOUT_MS });
}

async function noHorizontalScroll(page, what) {
	const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
	assert(sw <= 375, `${what} is ${sw}px wide at a 375px viewport (client width ${cw}): it scrolls sideways`);
}

// Nothing sticks out: the page does not scroll sideways, and no visible element reaches past the
// viewport's right edge or holds content wider than itself (scrollWidth > clientWidth: a word or a
// table cut off or spilling out). Text for screen readers only, clipped to a 1px box, is not shown,
// so not cut off. Returns the offenders as readable lines.
async function overflowing(page) {
	return page.evaluate(() => {
		const root = document.documentElement, vw = root.clientWidth, out = [];
		if (root.scrollWidth > vw) out.push(`the page is ${root.scrollWidth}px wide in a ${vw}px viewport`);
		for (const el of document.body.querySelectorAll('*')) {
			const cs = getComputedStyle(el);
			if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('.visually-hidden, a.skip')) continue;
			// read aloud, not shown: clipped to nothing as .visually-hidden is (a month bar's continued title)
			if (cs.clip === 'rect(0px, 0px, 0px, 0px)' && el.clientWidth <= 1) continue;
			const r = el.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) continue;
			if (cs.textOverflow === 'ellipsis') continue; // cut on purpose, the whole text in its title
			const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
			if (r.right > vw + 1) out.push(`${name} ends at ${Math.round(r.right)}px, past the ${vw}px viewport`);
			else if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !['input', 'textarea', 'select'].includes(el.tagName.toLowerCase()))
				out.push(`${name}: content ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
		}
		return out.slice(0, 8);
	});
}

// axe-core's WCAG 2.1 A and AA rules and its best practices, on the page as it is: the violations.
async function axeViolations(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
	const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
	return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// The buttons of <main> (style.css): each one of three looks, primary, secondary or danger, and all of one
// shape (padding, corner, font size); the small delete buttons of orphaned exceptions are small on purpose.
async function oddButtons(page) {
	await page.mouse.move(0, 0); // no hover colour
	return page.evaluate(() => {
		const looks = {
			'rgb(31, 95, 168)|rgb(255, 255, 255)|rgb(31, 95, 168)': 'primary',
			'rgb(255, 255, 255)|rgb(31, 95, 168)|rgb(31, 95, 168)': 'secondary',
			'rgb(255, 255, 255)|rgb(155, 28, 28)|rgb(155, 28, 28)': 'danger',
		};
		const out = [], shapes = new Map();
		for (const b of document.querySelectorAll('main button, main a.button')) {
			const cs = getComputedStyle(b);
			if (cs.display === 'none' || cs.visibility === 'hidden' || b.closest('ul.orphans')) continue;
			const text = b.textContent.trim().slice(0, 30);
			const look = `${cs.backgroundColor}|${cs.color}|${cs.borderTopColor}`;
			if (!looks[look]) out.push(`button "${text}" looks like none of primary, secondary, danger (${look})`);
			const shape = `${cs.paddingTop} ${cs.paddingLeft} ${cs.borderTopLeftRadius} ${cs.fontSize}`;
			if (!shapes.has(shape)) shapes.set(shape, text);
		}
		if (shapes.size > 1) out.push(`buttons of ${shapes.size} shapes: ${[...shapes].map(([s, t]) => `"${t}": ${s}`).join('; ')}`);
		return out;
	});
}

// At both widths: no overflow, no axe violation, and a screenshot kept for a person to look at.
async function looksRight(page, what) {
	const problems = [];
	for (const [w, h] of WIDTHS) {
		await page.setViewportSize({ width: w, height: h });
		await shoot(page, `${what}-${w}px`);
		for (const o of await overflowing(page)) problems.push(`${w}px: ${o}`);
		for (const v of await axeViolations(page)) problems.push(`${w}px: axe: ${v}`);
		for (const b of await oddButtons(page)) problems.push(`${w}px: ${b}`);
		if (w >= 1280) {
			const rows = await page.evaluate(() => new Set([...document.querySelectorAll('header.top nav a')].map((a) => Math.round(a.getBoundingClientRect().top))).size);
			if (rows > 1) problems.push(`${w}px: the navigation takes ${rows} lines`);
		}
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	assert(problems.length === 0, `${what}:\n${problems.join('\n')}`);
}

async function setLanguage(page, lang) {
	if ((await htmlLang(page)) === lang) return;
	await submit(page, page.locator(`form.language button[value="${lang}"]`), 'POST', '/language');
	same(await htmlLang(page), lang, '<html lang> after switching');
}

// An administrator gives a board member a calendar: makes a feed address, lands on its own page
// (after a redirect) with the address, a copy button and a QR code; the address is shown once.
// Then every page of the staff UI at 390 and 1280 px in both languages: nothing overflows, axe-core
// finds nothing; screenshots of each are kept (var/browser).
async function subscribeScenario(context) {
	const page = await context.newPage();
	watch(page, 'admin');
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
	let subscribePath = '';
	const steps = [['admin logs in', () => logIn(page, 'admin')]];
	for (const lang of ['en', 'az']) {
		steps.push([`(${lang}) admin makes a feed address for a board member and lands on its subscribe page`, async () => {
			same((await goto(page, '/feeds/new')).status(), 200, 'GET /feeds/new');
			await setLanguage(page, lang);
			await page.locator('[name="label"]').fill(`Board member ${lang} ${UNIQUE}`);
			await page.locator('[name="scope"]').selectOption('memorandum:1');
			await page.locator('form.stacked [name="lang"]').selectOption(lang);
			const r = await submit(page, page.locator('form.stacked button.primary'), 'POST', '/feeds/new');
			same(r.status(), 303, 'POST /feeds/new status');
			subscribePath = new URL(page.url()).pathname;
			assert(/^\/feeds\/\d+\/subscribe$/.test(subscribePath), `after making the address the browser is at ${page.url()}`);
			const https = await page.locator('#feed-url').inputValue();
			assert(/\/feeds\/[A-Za-z0-9_-]{43}\.ics$/.test(https), `the address field holds ${JSON.stringify(https)}`);
			const webcal = await page.locator('a[href^="webcal://"]').getAttribute('href');
			same(webcal.replace(/^webcal:\/\/[^/]+/, ''), new URL(https).pathname, 'the webcal link\'s path');
			same(await page.locator('figure.qr svg path').count(), 1, 'QR code paths');
			same(await page.locator('section.app').count(), 6, 'calendar apps explained');
		}]);
		steps.push([`(${lang}) the copy button (shown by memocal-2.js) copies the address and says so`, async () => {
			const button = page.locator('button[data-copy="feed-url"]');
			assert(await button.isVisible(), 'the copy button is not shown');
			await button.click();
			await page.locator('#feed-url-copied:not(:empty)').waitFor();
			same(await page.evaluate(() => navigator.clipboard.readText()), await page.locator('#feed-url').inputValue(), 'the clipboard');
		}]);
		steps.push([`(${lang}) the subscribe page fits 390 and 1280 px, with no axe-core violation`, () => looksRight(page, `subscribe-${lang}`)]);
		steps.push([`(${lang}) opened again, the page no longer shows the address`, async () => {
			same((await goto(page, subscribePath)).status(), 200, `GET ${subscribePath}`);
			same(await page.locator('#feed-url').count(), 0, 'address fields');
			same(await page.locator(`a[href^="/feeds/new?scope="]`).count(), 1, 'links to make a new address');
		}]);
		steps.push([`(${lang}) a free hour of the week, reached by keyboard, opens the new-meeting form at that day and hour`, async () => {
			same((await goto(page, '/calendar/week?date=2030-01-16&memorandum=1')).status(), 200, 'GET the week');
			const slot = page.locator('a.slot[href*="date=2030-01-17&time=09:00"]');
			same(await slot.count(), 1, 'hour links for Thursday 09:00');
			await slot.focus();
			same(await slot.locator('.v').evaluate((e) => getComputedStyle(e).visibility), 'visible', 'the focused hour\'s "+ 09:00"');
			await Promise.all([page.waitForEvent('load', { timeout: NAV_TIMEOUT_MS }), page.keyboard.press('Enter')]);
			same(new URL(page.url()).pathname, '/memoranda/1/series/new', 'the page Enter opened');
			same(await page.locator('#start_date').inputValue(), '2030-01-17', 'start date');
			same(await page.locator('#start_time').inputValue(), '09:00', 'start time');
			same(await page.locator('#end_time').inputValue(), '10:00', 'end time');
		}]);
		for (const path of ['/agenda', '/agenda?range=week', '/calendar', '/calendar/week', '/calendar/new?date=2030-01-15', '/calendar/new?date=2030-01-15&time=09:00&tzid=Asia/Baku', '/memoranda', '/memoranda/1', '/memoranda/1/series/new', '/organisations',
			'/organisations/1', '/people', '/feeds', '/feeds/new', '/users', '/audit', '/account',
			// the activity report (issue 16): the default period, one over the seed's demo schedule, an organisation's
			'/memoranda/1/report', '/memoranda/1/report?from=2024-09-01&to=2027-08-31', '/organisations/1/report?from=2024-09-01&to=2027-08-31',
			// issue 16: the home page and a memorandum's life forms
			'/', '/memoranda/1/renew', '/memoranda/1/terminate', '/memoranda/1/amendments/new', '/memoranda?state=undecided',
			// issue 15: a memorandum's document upload form
			'/memoranda/1/documents/new'])
			steps.push([`(${lang}) ${path} fits 390 and 1280 px, with no axe-core violation`, async () => {
				same((await goto(page, path)).status(), 200, `GET ${path}`);
				await looksRight(page, `${lang}${path}`);
			}]);
		steps.push([`(${lang}) the report's timeline fits a phone and a laptop, readable, one mark per event listed beside it`, async () => {
			same((await goto(page, '/memoranda/1/report?from=2024-09-01&to=2027-08-31')).status(), 200, 'GET the report');
			for (const [w, h] of WIDTHS) {
				await page.setViewportSize({ width: w, height: h });
				const t = await page.evaluate(() => {
					const svg = document.querySelector('svg.timeline-svg'), r = svg.getBoundingClientRect();
					const years = [...svg.querySelectorAll('g.tick text')].map((e) => e.getBoundingClientRect().height);
					return {
						right: r.right, vw: document.documentElement.clientWidth, height: r.height,
						marks: svg.querySelectorAll('g.mark').length, rows: document.querySelectorAll('table.timeline-facts tbody tr').length,
						smallest: years.length ? Math.min(...years) : 99, label: svg.getAttribute('aria-labelledby'),
					};
				});
				assert(t.right <= t.vw + 1, `${w}px: the timeline ends at ${t.right}px in a ${t.vw}px viewport`);
				assert(t.height > 100 || w < 1280, `${w}px: the timeline is ${t.height}px tall`);
				assert(t.marks >= 2 && t.marks === t.rows, `${w}px: ${t.marks} marks, ${t.rows} rows in the list beside them`);
				assert(t.smallest >= 8, `${w}px: the years on the axis are ${t.smallest}px tall`);
				same(t.label, 'timeline-title timeline-desc', 'the picture named by its title and description');
			}
			await page.setViewportSize({ width: 1280, height: 900 });
		}]);
	}
	steps.push(['admin switches back to English', () => setLanguage(page, 'en')]);
	steps.push(['what was typed into a form stays through the language switch, and is forgotten once sent', async () => {
		same((await goto(page, '/memoranda/1/series/new')).status(), 200, 'GET the new-meeting form');
		await page.fill('#title_en', 'Typed before switching');
		await page.fill('#start_date', '2031-03-04');
		await page.selectOption('#repeat', 'weekly');
		await setLanguage(page, 'az');
		same(new URL(page.url()).pathname, '/memoranda/1/series/new', 'the page the switch came back to');
		same(await page.locator('#title_en').inputValue(), 'Typed before switching', 'the English title');
		same(await page.locator('#start_date').inputValue(), '2031-03-04', 'the start date');
		same(await page.locator('#repeat').inputValue(), 'weekly', 'the repetition');
		await setLanguage(page, 'en');
		same(await page.locator('#title_en').inputValue(), 'Typed before switching', 'the English title, switched back');
		same((await goto(page, '/memoranda/1/series/new')).status(), 200, 'GET the form again (not through the switch)');
		same(await page.locator('#title_en').inputValue(), '', 'the English title of a form opened afresh');
	}]);
	// one failed page must not hide the others: each step is its own scenario
	for (const step of steps) await scenario(page, [step]);
	await page.close();
}

async function editorScenario(context) {
	const page = await context.newPage();
	watch(page, 'editor');
	let form = FORMS.organisation;
	let recordPath = '';
	const typed = {};
	await scenario(page, [
		['editor logs in through the form and sees their name and the navigation', () => logIn(page, 'editor')],
		['editor opens the new-record form', async () => {
			// the way a person gets there: the list's "New memorandum" button
			form = FORMS.memorandum;
			same((await goto(page, '/memoranda')).status(), 200, 'GET /memoranda');
			await submit(page, page.locator('a.button[href="/memoranda/new"]'));
			same(new URL(page.url()).pathname, form.path, 'the page the "New memorandum" button opens');
			for (const name of [form.en, form.az, ...Object.keys(form.bad)])
				assert((await page.locator(`[name="${name}"]`).count()) === 1, `the form has no field ${name}`);
		}],
		['editor types Azerbaijani and English text and an invalid value; the server answers 422', async () => {
			await page.locator(`[name="${form.en}"]`).fill(EN_TEXT, { timeout: STEP_TIMEOUT_MS });
			typed[form.en] = EN_TEXT;
			// typed key by key, as a person would, not pasted
			await page.locator(`[name="${form.az}"]`).pressSequentially(AZ_TEXT, { timeout: STEP_TIMEOUT_MS });
			typed[form.az] = AZ_TEXT;
			for (const [name, value] of Object.entries(form.other)) {
				await page.locator(`[name="${name}"]`).fill(value, { timeout: STEP_TIMEOUT_MS });
				typed[name] = value;
			}
			for (const [name, value] of Object.entries(form.select || {})) {
				await page.locator(`[name="${name}"]`).selectOption(value, { timeout: STEP_TIMEOUT_MS });
				typed[name] = value;
			}
			for (const [name, [bad]] of Object.entries(form.bad)) {
				await page.locator(`[name="${name}"]`).fill(bad, { timeout: STEP_TIMEOUT_MS });
				typed[name] = bad;
			}
			expect(await submit(page, page.locator('form.stacked button.primary'), 'POST', form.path), 422);
		}],
		['the invalid fields are marked (aria-invalid) with their message beside them, the others are not', async () => {
			for (const [name, [, message]] of Object.entries(form.bad)) {
				const input = page.locator(`[name="${name}"]`);
				same(await input.getAttribute('aria-invalid', { timeout: STEP_TIMEOUT_MS }), 'true', `aria-invalid of ${name}`);
				const described = await input.getAttribute('aria-describedby', { timeout: STEP_TIMEOUT_MS });
				const error = page.locator(`.field:has([name="${name}"]) .error`);
				same(await error.getAttribute('id', { timeout: STEP_TIMEOUT_MS }), described, `the id of the message beside ${name}`);
				same((await error.textContent({ timeout: STEP_TIMEOUT_MS })).trim(), message, `the message beside ${name}`);
			}
			for (const name of [form.en, form.az, ...Object.keys(form.other)])
				same(await page.locator(`[name="${name}"]`).getAttribute('aria-invalid', { timeout: STEP_TIMEOUT_MS }), null, `aria-invalid of ${name}`);
			assert((await page.locator('.notice.error[role=alert]').count()) === 1, 'no notice at the top says the form needs attention');
			for (const name of Object.keys(form.bad))
				same(await page.locator(`#notice ul.summary a[href="#${name}"]`).count(), 1, `links to ${name} in the notice's list of refused fields`);
			same(await page.evaluate(() => document.activeElement && document.activeElement.id), 'notice', 'the element focused after the refusal');
		}],
		['everything typed is still in the form exactly, Azerbaijani letters intact', async () => {
			for (const [name, value] of Object.entries(typed))
				same(await page.locator(`[name="${name}"]`).inputValue({ timeout: STEP_TIMEOUT_MS }), value, `the value of ${name}`);
		}],
		['the form with its error messages fits a 375px phone screen', async () => {
			await page.setViewportSize({ width: 375, height: 740 });
			await noHorizontalScroll(page, 'the form');
			await page.setViewportSize({ width: 1280, height: 800 });
		}],
		['editor corrects the invalid fields and saves; the record page shows the Azerbaijani text exactly', async () => {
			for (const [name, [, , good]] of Object.entries(form.bad)) {
				await page.locator(`[name="${name}"]`).fill(good, { timeout: STEP_TIMEOUT_MS });
				typed[name] = good;
			}
			const r = await submit(page, page.locator('form.stacked button.primary'), 'POST', form.path);
			same(r.status(), 303, `POST ${form.path} status`);
			recordPath = new URL(page.url()).pathname;
			assert(form.record.test(recordPath), `after saving the browser is at ${page.url()}, not at the new record`);
			const az = await page.locator('main [lang="az"]').allTextContents();
			assert(az.map((t) => t.trim()).includes(AZ_TEXT), `no element marked lang="az" holds the text typed; found ${JSON.stringify(az)}`);
			same((await page.locator('main h1').textContent({ timeout: STEP_TIMEOUT_MS })).trim(), EN_TEXT, 'the heading in English');
		}],
		['editor switches the interface to Azerbaijani on the record page', async () => {
			await submit(page, page.locator('form.language button[value="az"]'), 'POST', '/language');
			same(new URL(page.url()).pathname, recordPath, 'the page after switching');
			same(await htmlLang(page), 'az', '<html lang>');
			const text = await bodyText(page);
			for (const label of form.azLabels) assert(text.includes(label), `the page has no "${label}"`);
			same((await page.locator('main h1').textContent({ timeout: STEP_TIMEOUT_MS })).trim(), AZ_TEXT, 'the heading in Azerbaijani');
			same(await page.locator('main h1').getAttribute('lang', { timeout: STEP_TIMEOUT_MS }), 'az', 'the lang of the heading');
		}],
		['the record page fits a 375px phone screen (screenshot kept)', async () => {
			await page.setViewportSize({ width: 375, height: 740 });
			await shoot(page, 'record-375px-az');
			await noHorizontalScroll(page, 'the record page');
			await goto(page, '/organisations');
			await noHorizontalScroll(page, 'the list of organisations');
			await goto(page, recordPath);
			await page.setViewportSize({ width: 1280, height: 800 });
		}],
		['editor switches back to English', async () => {
			await submit(page, page.locator('form.language button[value="en"]'), 'POST', '/language');
			same(new URL(page.url()).pathname, recordPath, 'the page after switching');
			same(await htmlLang(page), 'en', '<html lang>');
			const text = await bodyText(page);
			for (const label of form.enLabels) assert(text.includes(label), `the page has no "${label}"`);
		}],
	]);
	await page.close();
}

// The issue's scenario: an editor schedules a monthly meeting on the seed memorandum through the series
// form, finds its second occurrence in the month grid, opens it from there, cancels it, and sees the grid
// change. The dates are the 10th of the next months at 10:00 (Asia/Baku, the form's default zone).
async function meetingScenario(context) {
	const page = await context.newPage();
	watch(page, 'editor (meeting)');
	const now = new Date();
	const tenth = (months) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 10)).toISOString().slice(0, 10);
	const first = tenth(1), second = tenth(2);
	const month = second.slice(0, 7);
	const title = `Monthly board meeting ${UNIQUE}`;
	const created = '/memoranda/1/series/new';
	let occ = '';
	await scenario(page, [
		['editor logs in to schedule a meeting', () => logIn(page, 'editor')],
		['the series form shows only the controls the chosen repetition needs, and moves the end with the start', async () => {
			same((await goto(page, created)).status(), 200, `GET ${created}`);
			const shown = async (sel) => page.locator(sel).first().isVisible();
			await page.locator('[name="repeat"]').selectOption('none');
			for (const name of ['interval', 'monthly', 'day_mo', 'ends', 'count', 'until', 'rrule'])
				assert(!(await shown(`[name="${name}"]`)), `"${name}" is shown for a meeting that does not repeat`);
			await page.locator('[name="repeat"]').selectOption('weekly');
			assert(await shown('[name="day_mo"]'), 'no weekdays for a weekly meeting');
			assert(!(await shown('[name="monthly"]')), '"Monthly on" shown for a weekly meeting');
			await page.locator('[name="ends"]').selectOption('count');
			assert(await shown('[name="count"]') && !(await shown('[name="until"]')), 'ending after a number of times shows the count only');
			await page.locator('[name="repeat"]').selectOption('custom');
			assert(await shown('[name="rrule"]') && !(await shown('[name="day_mo"]')), 'a custom rule shows the rule field only');
			await page.locator('[name="start_date"]').fill('2030-01-10');
			await page.locator('[name="end_date"]').fill('2030-01-11');
			await page.locator('[name="start_date"]').fill('2030-01-20');
			await page.locator('[name="start_date"]').dispatchEvent('change');
			same(await page.locator('[name="end_date"]').inputValue(), '2030-01-21', 'the end date after moving the start ten days');
			await page.locator('[name="end_date"]').fill('');
			await page.locator('[name="repeat"]').selectOption('none');
		}],
		['editor schedules a monthly meeting, six times, on the seed memorandum from its day in the month grid', async () => {
			same((await goto(page, `/calendar?month=${first.slice(0, 7)}&memorandum=1`)).status(), 200, 'GET the month grid');
			await submit(page, page.locator(`td[data-date="${first}"] a.add`));
			same(new URL(page.url()).pathname, created, 'the page the day\'s "+" opens');
			same(await page.locator('[name="start_date"]').inputValue(), first, 'the start date the day filled in');
			await page.locator('[name="title_en"]').fill(title);
			await page.locator('[name="title_az"]').fill(`Aylıq idarə heyəti iclası ${UNIQUE}`);
			await page.locator('[name="start_date"]').fill(first);
			await page.locator('[name="start_time"]').fill('10:00');
			await page.locator('[name="end_time"]').fill('11:30');
			await page.locator('[name="repeat"]').selectOption('monthly');
			await page.locator('[name="monthly"]').selectOption('monthday');
			await page.locator('[name="ends"]').selectOption('count');
			await page.locator('[name="count"]').fill('6');
			await page.locator('[name="attendee_0_person"]').selectOption('1');
			let r = await submit(page, page.locator('form.stacked button.primary'), 'POST', created);
			// an attendee busy at an overlapping time: the form warns first, and "Save anyway" confirms
			if (r.status() === 200 && (await page.locator('button[name="action"][value="confirm"]').count()) === 1)
				r = await submit(page, page.locator('button[name="action"][value="confirm"]'), 'POST', created);
			same(r.status(), 303, `POST ${created} status`);
			const path = new URL(page.url()).pathname;
			assert(/^\/series\/\d+$/.test(path), `after saving the browser is at ${page.url()}, not at the new series`);
			occ = `${path}/occurrences/${second.replaceAll('-', '')}T100000`;
		}],
		['the month of its second occurrence shows it in the grid, not cancelled', async () => {
			same((await goto(page, `/calendar?month=${month}`)).status(), 200, `GET /calendar?month=${month}`);
			const a = page.locator(`td[data-date="${second}"] a.occ[href="${occ}"]`);
			same(await a.count(), 1, `grid entries for ${occ} on ${second}`);
			assert((await a.textContent()).includes(title), 'the grid entry does not show the title');
			same(await a.evaluate((el) => el.classList.contains('cancelled')), false, 'class "cancelled" before cancelling');
		}],
		['editor opens that occurrence from the grid and cancels it', async () => {
			await submit(page, page.locator(`a.occ[href="${occ}"]`));
			same(new URL(page.url()).pathname, occ, 'the page the grid entry opens');
			same((await page.locator('main h1').textContent()).trim(), title, 'the heading of the occurrence page');
			// cancelling asks first, naming the occurrence and the subscribers it reaches
			await submit(page, page.locator(`a[href="${occ}/cancel"]`));
			same(new URL(page.url()).pathname, `${occ}/cancel`, 'the question before cancelling');
			assert((await page.locator('main').textContent()).includes('It reaches the calendar'), 'the question names no subscribers');
			const r = await submit(page, page.locator(`form[action="${occ}/cancel"] button[type=submit]`), 'POST', `${occ}/cancel`);
			same(r.status(), 303, `POST ${occ}/cancel status`);
			same(new URL(page.url()).pathname, occ, 'the page after cancelling');
			assert((await page.locator('main').textContent()).includes('This occurrence was cancelled.'), 'the page does not say what happened');
			same(await page.locator('main .status-cancelled').count(), 1, 'the cancelled status on the occurrence page');
			same(await page.locator(`form[action="${occ}/restore"]`).count(), 1, 'the restore button');
		}],
		['a three-day event is one bar across its days in the month grid, and an entry per day on a phone', async () => {
			// Tuesday to Thursday of a week three months on: one week row
			const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 10));
			while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
			const days = [0, 1, 2].map((n) => new Date(d.getTime() + n * 86400000).toISOString().slice(0, 10));
			const congress = `Joint congress ${UNIQUE}`;
			same((await goto(page, created)).status(), 200, `GET ${created}`);
			await page.locator('[name="title_en"]').fill(congress);
			await page.locator('[name="title_az"]').fill(`Birgə konqres ${UNIQUE}`);
			await page.locator('[name="kind"]').selectOption('event');
			await page.locator('[name="start_date"]').fill(days[0]);
			await page.locator('[name="start_time"]').fill('09:00');
			await page.locator('[name="end_date"]').fill(days[2]);
			await page.locator('[name="end_time"]').fill('17:00');
			await page.locator('[name="repeat"]').selectOption('none');
			let r = await submit(page, page.locator('form.stacked button.primary'), 'POST', created);
			if (r.status() === 200 && (await page.locator('button[name="action"][value="confirm"]').count()) === 1)
				r = await submit(page, page.locator('button[name="action"][value="confirm"]'), 'POST', created);
			same(r.status(), 303, `POST ${created} status`);
			const sid = new URL(page.url()).pathname.split('/')[2];
			await page.setViewportSize({ width: 1280, height: 900 });
			same((await goto(page, `/calendar?month=${days[0].slice(0, 7)}`)).status(), 200, 'GET the month');
			const boxes = [];
			for (const day of days) {
				const a = page.locator(`td[data-date="${day}"] a.occ.span[href^="/series/${sid}/"]`);
				same(await a.count(), 1, `bar pieces on ${day}`);
				boxes.push(await a.boundingBox());
			}
			for (let i = 1; i < 3; i++) {
				assert(Math.abs(boxes[i].y - boxes[0].y) <= 1, `the piece on ${days[i]} is at y ${boxes[i].y}, the first at ${boxes[0].y}`);
				const gap = boxes[i].x - (boxes[i - 1].x + boxes[i - 1].width);
				assert(gap >= 0 && gap <= 2, `${gap}px between the pieces on ${days[i - 1]} and ${days[i]}`);
			}
			assert((await page.locator(`td[data-date="${days[0]}"] a.occ.span`).first().innerText()).includes(congress), 'the first piece shows the title');
			await page.setViewportSize({ width: 390, height: 800 });
			for (const day of days) {
				const label = await page.locator(`td[data-date="${day}"] a.occ.span[href^="/series/${sid}/"]`).innerText();
				assert(label.includes(congress), `on a phone the entry of ${day} reads "${label}"`);
			}
			await page.setViewportSize({ width: 1280, height: 900 });
		}],
		['back in the same month the grid shows the occurrence cancelled, struck through', async () => {
			same((await goto(page, `/calendar?month=${month}`)).status(), 200, `GET /calendar?month=${month}`);
			const a = page.locator(`td[data-date="${second}"] a.occ[href="${occ}"]`);
			same(await a.evaluate((el) => el.classList.contains('cancelled')), true, 'class "cancelled" after cancelling');
			const line = await a.evaluate((el) => getComputedStyle(el).textDecorationLine);
			assert(line.includes('line-through'), `the entry's text-decoration is "${line}", not struck through`);
		}],
	]);
	await page.close();
}

// Issue 15: an editor records a meeting start to finish in the browser, without any script: a single meeting
// with one attendee, its record's form (agenda item with minutes in both languages, attendance, "more rows" for
// decisions), a refusal that keeps what was typed, the save, the state moved to circulated, then the record
// in Azerbaijani and at a phone's width.
async function recordScenario(context) {
	const page = await context.newPage();
	watch(page, 'editor (record)');
	const day = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
	const title = `Record test ${UNIQUE}`;
	const created = '/memoranda/1/series/new';
	let rec = '';
	await scenario(page, [
		['editor logs in to record a meeting', () => logIn(page, 'editor')],
		['editor schedules a single meeting with one attendee', async () => {
			same((await goto(page, created)).status(), 200, `GET ${created}`);
			await page.locator('[name="title_en"]').fill(title);
			await page.locator('[name="title_az"]').fill(`Protokol sınağı ${UNIQUE}`);
			await page.locator('[name="start_date"]').fill(day);
			await page.locator('[name="start_time"]').fill('16:00');
			await page.locator('[name="end_time"]').fill('17:00');
			await page.locator('[name="attendee_0_person"]').selectOption('2');
			let r = await submit(page, page.locator('form.stacked button.primary'), 'POST', created);
			if (r.status() === 200 && (await page.locator('button[name="action"][value="confirm"]').count()) === 1)
				r = await submit(page, page.locator('button[name="action"][value="confirm"]'), 'POST', created);
			same(r.status(), 303, `POST ${created} status`);
			const path = new URL(page.url()).pathname;
			assert(/^\/series\/\d+$/.test(path), `after saving the browser is at ${page.url()}`);
			rec = `${path}/occurrences/${day.replaceAll('-', '')}T160000/record`;
		}],
		['from the occurrence page the editor opens its record and the form', async () => {
			same((await goto(page, rec.replace(/\/record$/, ''))).status(), 200, 'GET the occurrence');
			await submit(page, page.locator(`a[href="${rec}"]`));
			same(new URL(page.url()).pathname, rec, 'the page the record link opens');
			assert((await bodyText(page)).includes('Nothing has been recorded'), 'the empty record does not say so');
			await submit(page, page.locator(`a[href="${rec}/edit"]`));
			same(new URL(page.url()).pathname, `${rec}/edit`, 'the form');
		}],
		['editor types an agenda item, minutes, attendance, and asks for more decision rows: nothing is lost', async () => {
			await page.locator('[name="item_0_title_en"]').fill('Budget');
			await page.locator('[name="item_0_minutes_en"]').fill(EN_TEXT);
			await page.locator('[name="item_0_minutes_az"]').fill(AZ_TEXT);
			await page.locator('[name="attendance_0_status"]').selectOption('present');
			const n = await page.locator('[name^="decision_"][name$="_text_en"]').count();
			await submit(page, page.locator('button[name="action"][value="more_decisions"]'), 'POST', `${rec}/edit`);
			same(await page.locator('[name^="decision_"][name$="_text_en"]').count(), n + 2, 'decision rows after "more rows"');
			same(await page.locator('[name="item_0_minutes_az"]').inputValue(), AZ_TEXT, 'the Azerbaijani minutes after "more rows"');
			same(await page.locator('[name="attendance_0_status"]').inputValue(), 'present', 'the attendance after "more rows"');
		}],
		['saving without the Azerbaijani title is refused at that field, with everything typed kept', async () => {
			await page.locator('[name="decision_0_text_en"]').fill('The budget is approved');
			await page.locator('[name="decision_0_text_az"]').fill('Büdcə təsdiqlənir');
			const r = await submit(page, page.locator('button.primary[name="action"][value="save"]'), 'POST', `${rec}/edit`);
			expect(r, 422);
			assert((await page.locator('#item_0_title_az-error').textContent()).trim().length > 0, 'no message at the Azerbaijani title');
			same(await page.locator('[name="item_0_minutes_az"]').inputValue(), AZ_TEXT, 'the Azerbaijani minutes after the refusal');
			same(await page.locator('[name="decision_0_text_az"]').inputValue(), 'Büdcə təsdiqlənir', 'the decision after the refusal');
		}],
		['editor adds the title and saves; the record shows the minutes exactly and a numbered decision', async () => {
			await page.locator('[name="item_0_title_az"]').fill('Büdcə');
			const r = await submit(page, page.locator('button.primary[name="action"][value="save"]'), 'POST', `${rec}/edit`);
			same(r.status(), 303, 'status of the save');
			same(new URL(page.url()).pathname, rec, 'the page after saving');
			const text = await bodyText(page);
			assert(text.includes(AZ_TEXT), 'the record does not show the Azerbaijani minutes as typed');
			assert(/\d{4}\/\d+/.test(await page.locator('.decision-number').first().textContent()), 'the decision has no number');
		}],
		['editor circulates the minutes', async () => {
			const r = await submit(page, page.locator('button[name="to"][value="circulated"]'), 'POST', `${rec}/state`);
			same(r.status(), 303, 'status of circulating');
			same((await page.locator('.record-state').textContent()).trim(), 'Circulated', 'the state shown');
		}],
		['in Azerbaijani the record speaks Azerbaijani, and it fits a phone', async () => {
			await submit(page, page.locator('form.language button[value="az"]'), 'POST', '/language');
			same(await htmlLang(page), 'az', 'html lang after switching');
			same((await page.locator('.record-state').textContent()).trim(), 'Paylanıb', 'the state in Azerbaijani');
			assert((await bodyText(page)).includes('Gündəlik və protokol'), 'the agenda heading is not Azerbaijani');
			await page.setViewportSize({ width: 375, height: 740 });
			await noHorizontalScroll(page, 'the record');
			await page.setViewportSize({ width: 1280, height: 800 });
			await submit(page, page.locator('form.language button[value="en"]'), 'POST', '/language');
		}],
	]);
	await page.close();
}

async function viewerScenario(context) {
	const page = await context.newPage();
	watch(page, 'viewer');
	await scenario(page, [
		['viewer logs in through the form', () => logIn(page, 'viewer')],
		['viewer sees no "New ..." button on the lists', async () => {
			for (const list of ['/memoranda', '/organisations']) {
				same((await goto(page, list)).status(), 200, `GET ${list}`);
				assert((await page.locator(`a[href="${list}/new"]`).count()) === 0, `${list} has a link to ${list}/new`);
				const text = await bodyText(page);
				assert(!/\bNew (memorandum|organisation)\b/.test(text), `${list} offers "New ..."`);
			}
		}],
		['viewer gets the 403 page at /organisations/new', async () => {
			expect(await goto(page, '/organisations/new'), 403);
			assert((await page.locator('main h1').textContent({ timeout: STEP_TIMEOUT_MS })).includes('403'), 'the heading does not say 403');
			assert((await bodyText(page)).includes('You may not do this.'), 'the page does not say "You may not do this."');
			assert((await page.locator('[name="name_az"]').count()) === 0, 'the 403 page shows the form');
		}],
	]);
	await page.close();
}

async function main() {
	if (!BASE || !PASSWORD) {
		fail('BASE and PASSWORD are set', 'run as BASE=http://127.0.0.1:PORT PASSWORD=... node run.mjs');
		return;
	}
	mkdirSync(SHOTS, { recursive: true });
	for (const f of readdirSync(SHOTS)) if (f.endsWith('.png')) rmSync(join(SHOTS, f));
	// launch() starts Chromium with a fresh --user-data-dir of its own (a new temporary folder
	// under $TMPDIR, removed on close); playwright refuses that flag in args.
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		timeout: 20_000,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	try {
		pass(`Chromium ${browser.version()} starts headless`);
		// one context per person: separate cookies, like two browsers
		for (const [who, run] of [['editor', editorScenario], ['editor (meeting)', meetingScenario], ['editor (record)', recordScenario], ['viewer', viewerScenario],
			['admin', subscribeScenario]]) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
			context.setDefaultTimeout(STEP_TIMEOUT_MS);
			context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
			try {
				await run(context);
			} finally {
				await context.close();
			}
		}
		const seen = trouble.map((t) => (typeof t === 'function' ? t() : t)).filter(Boolean);
		if (seen.length === 0) pass('no console errors, script errors or failed requests on any page');
		else fail('no console errors, script errors or failed requests on any page', seen.join('\n'));
	} finally {
		await browser.close();
	}
}

const watchdog = setTimeout(() => {
	fail(`the browser run finishes within ${RUN_LIMIT_MS / 1000} s`, 'stopped by the watchdog');
	process.exit(1);
}, RUN_LIMIT_MS);
try {
	await main();
} catch (e) {
	fail('the browser run completes', e.stack || e.message);
}
clearTimeout(watchdog);
process.exit(failed ? 1 : 0);
