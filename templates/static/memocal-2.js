/* memocal-2.js - small progressive enhancements; every page works fully without this file.
 * Served by nginx as a static file (the Content-Security-Policy allows no inline script) and
 * cached for a year: change its number (and the layout's <script>) whenever it changes. */
(function () {
	'use strict';

	/* <button data-copy="ID" hidden>: copies the value of the field ID; the button is shown only
	 * where the Clipboard API is available, and says so in the live region data-copy-status names. */
	function copyButtons() {
		if (!navigator.clipboard || !window.isSecureContext)
			return;
		document.querySelectorAll('button[data-copy]').forEach(function (button) {
			var field = document.getElementById(button.getAttribute('data-copy'));
			var status = document.getElementById(button.getAttribute('data-copy-status'));
			if (!field)
				return;
			button.hidden = false;
			button.addEventListener('click', function () {
				navigator.clipboard.writeText(field.value).then(function () {
					if (status)
						status.textContent = button.getAttribute('data-copied');
				}, function () {
					field.focus();
					field.select();
				});
			});
		});
	}

	/* A read-only field holding an address selects all of it on focus, for a manual copy. */
	function selectOnFocus() {
		document.querySelectorAll('input[readonly][data-select]').forEach(function (field) {
			field.addEventListener('focus', function () { field.select(); });
		});
	}

	/* data-show-if="NAME=v1,v2 OTHER=v3": the element is shown only while the form's field NAME has one
	 * of those values (and OTHER one of its own); an unticked checkbox's value is "". Without this
	 * script every control shows, and the server reads only those the chosen repetition needs. A
	 * part holding a field the server refused stays shown, so its message stays in sight. */
	function showIf() {
		var parts = document.querySelectorAll('[data-show-if]');
		if (!parts.length)
			return;
		function valueOf(form, name) {
			var f = form.elements[name];
			if (!f)
				return null;
			if (f.type === 'checkbox')
				return f.checked ? f.value : '';
			return f.value;
		}
		function update() {
			parts.forEach(function (part) {
				var form = part.closest('form');
				if (!form)
					return;
				var show = part.getAttribute('data-show-if').split(/\s+/).every(function (cond) {
					var at = cond.indexOf('=');
					var value = valueOf(form, cond.slice(0, at));
					return value === null || cond.slice(at + 1).split(',').indexOf(value) >= 0;
				});
				part.hidden = !show && !part.querySelector('.invalid');
			});
		}
		document.addEventListener('change', update);
		update();
	}

	/* <fieldset data-pairs="start_date:end_date start_time:end_time">: moving a start moves its end by
	 * as much, as calendar apps do, so a meeting keeps its length; an empty end stays empty (the
	 * server reads it as "the same day"), and an end time that would pass midnight is left alone. */
	function pairs() {
		function days(v) {
			var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
			return m ? Date.UTC(+m[1], m[2] - 1, +m[3]) / 86400000 : null;
		}
		function minutes(v) {
			var m = /^(\d{2}):(\d{2})/.exec(v);
			return m ? m[1] * 60 + +m[2] : null;
		}
		function pad(n) { return (n < 10 ? '0' : '') + n; }
		document.querySelectorAll('fieldset[data-pairs]').forEach(function (set) {
			set.getAttribute('data-pairs').split(/\s+/).forEach(function (pair) {
				var ids = pair.split(':');
				var start = document.getElementById(ids[0]), end = document.getElementById(ids[1]);
				if (!start || !end)
					return;
				var isDate = start.type === 'date', read = isDate ? days : minutes, before = start.value;
				start.addEventListener('change', function () {
					var from = read(before), to = read(start.value), was = read(end.value);
					before = start.value;
					if (from === null || to === null || was === null)
						return;
					var next = was + (to - from);
					if (isDate)
						end.value = new Date(next * 86400000).toISOString().slice(0, 10);
					else if (next >= 0 && next < 1440)
						end.value = pad(Math.floor(next / 60)) + ':' + pad(next % 60);
				});
			});
		});
	}

	/* A form that came back refused: focus goes to the notice listing each refused field (each a
	 * link to its field), so a screen reader reads it first and Tab reaches the links. */
	function focusNotice() {
		var notice = document.querySelector('.notice[data-focus]');
		if (notice)
			notice.focus();
	}

	/* The language switch is a form of its own: what was typed into the page's form would be lost with
	 * the page. While a form is being filled in, its fields are kept in sessionStorage (this tab only,
	 * gone with it); pressing the switch marks them for the page it comes back to, which puts them back
	 * into the same form (by its action) and forgets them. Sending the form forgets them too. Hidden
	 * fields (the form's keys and version) are the new page's own, never put back. */
	function keepAcrossLanguage() {
		var store;
		try {
			store = window.sessionStorage;
			store.setItem('memocal-probe', '1');
			store.removeItem('memocal-probe');
		} catch (e) {
			return;
		}
		var forms = document.querySelectorAll('form[method="post"]:not(.language)');
		function fieldsOf(form) {
			return Array.prototype.filter.call(form.elements, function (f) {
				return f.name && f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button' &&
					f.type !== 'file' && f.type !== 'password';
			});
		}
		var back = store.getItem('memocal-language-back');
		store.removeItem('memocal-language-back');
		Array.prototype.forEach.call(forms, function (form) {
			var key = 'memocal-draft:' + form.getAttribute('action');
			var saved = store.getItem(key);
			store.removeItem(key);
			/* what was put back is still unsent: a second switch keeps it again */
			var dirty = false;
			if (saved && back === location.pathname + location.search) {
				dirty = true;
				var values = JSON.parse(saved);
				fieldsOf(form).forEach(function (f) {
					if (!(f.name in values))
						return;
					if (f.type === 'checkbox' || f.type === 'radio')
						f.checked = values[f.name].indexOf(f.value) >= 0;
					else
						f.value = values[f.name][0];
					f.dispatchEvent(new Event('change', {bubbles: true}));
				});
			}
			form.addEventListener('input', function () { dirty = true; });
			form.addEventListener('change', function () { dirty = true; });
			form.addEventListener('submit', function () { dirty = false; });
			form.memocalDraft = function () {
				if (!dirty)
					return;
				var values = {};
				fieldsOf(form).forEach(function (f) {
					if ((f.type === 'checkbox' || f.type === 'radio') && !f.checked)
						return;
					(values[f.name] = values[f.name] || []).push(f.value);
				});
				store.setItem(key, JSON.stringify(values));
			};
		});
		var language = document.querySelector('form.language');
		if (language)
			language.addEventListener('submit', function () {
				Array.prototype.forEach.call(forms, function (form) {
					if (form.memocalDraft)
						form.memocalDraft();
				});
				store.setItem('memocal-language-back', location.pathname + location.search);
			});
	}

	copyButtons();
	selectOnFocus();
	focusNotice();
	showIf();
	pairs();
	keepAcrossLanguage();
})();
