/* memocal-1.js - small progressive enhancements; every page works fully without this file.
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

	copyButtons();
	selectOnFocus();
})();
