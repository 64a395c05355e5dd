/**
 * HTML_STYLE: the page's only stylesheet. System fonts only (nothing to download); colours for
 * light and dark schemes; the timeline's classes name span kinds and tones (see timeline.ts).
 */
export const HTML_STYLE = `
:root{--fg:#1d2330;--muted:#5d6675;--bg:#fff;--panel:#f4f6f9;--line:#d7dce3;--ok:#1f8a4c;--warn:#b86e00;--fail:#c62a2a;--info:#2a6fc6;--tls:#7b3fc4;--data:#16808a;--wait:#9aa7b8;--open:#6b7786}
@media (prefers-color-scheme:dark){:root{--fg:#e4e8ee;--muted:#9aa3b0;--bg:#14171c;--panel:#1d2128;--line:#333a44;--ok:#3fbf74;--warn:#e0a03a;--fail:#ef5b5b;--info:#5b9cef;--tls:#a97ef0;--data:#3cb8c4;--wait:#5d6878;--open:#8792a1}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1040px;margin:0 auto;padding:16px 20px 8px}
h1{font-size:1.5em;margin:.6em 0 .3em;overflow-wrap:anywhere}
h2{font-size:1.2em;margin:1.4em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{font-size:1.05em;margin:.2em 0 .4em}
h4{font-size:.95em;margin:.8em 0 .3em;color:var(--muted)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
pre{background:var(--panel);border:1px solid var(--line);border-radius:4px;padding:8px 10px;margin:.3em 0;white-space:pre-wrap;overflow-wrap:anywhere}
.verdict{border-radius:6px;padding:10px 14px;margin:.5em 0;border-left:8px solid var(--ok);background:var(--panel)}
.verdict.v-warning{border-left-color:var(--warn)}
.verdict.v-failed{border-left-color:var(--fail)}
.verdict .word{font-size:1.35em;font-weight:700;margin:0}
.v-healthy .word{color:var(--ok)}.v-warning .word{color:var(--warn)}.v-failed .word{color:var(--fail)}
.verdict .exit{font-size:.7em;font-weight:400;color:var(--muted);margin-left:.5em}
.verdict .headline{margin:.3em 0 0;overflow-wrap:anywhere}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:.6em 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
.finding{border:1px solid var(--line);border-left:6px solid var(--info);border-radius:4px;padding:8px 12px;margin:.8em 0}
.finding.s-error{border-left-color:var(--fail)}.finding.s-warning{border-left-color:var(--warn)}
.finding .severity{font-size:.8em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.s-error .severity{color:var(--fail)}.s-warning .severity{color:var(--warn)}
.finding .id{font-weight:400;color:var(--muted);font-size:.8em}
.detail{white-space:pre-wrap;margin:.3em 0}
.dialect{display:inline-block;background:var(--panel);border:1px solid var(--line);border-radius:3px;padding:0 5px;font-size:.85em}
.evidence-item{display:flex;gap:6px;align-items:flex-start}.evidence-item pre{flex:1}
button.copy{font:inherit;font-size:.8em;padding:1px 8px;border:1px solid var(--line);border-radius:3px;background:var(--bg);color:var(--fg);cursor:pointer}
button.copy:hover{border-color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid var(--line)}
td.time{text-align:right;white-space:nowrap;color:var(--muted)}
td.status{white-space:nowrap}
tr.st-ok td.status{color:var(--ok)}tr.st-warn td.status{color:var(--warn)}tr.st-fail td.status{color:var(--fail)}tr.st-skipped{color:var(--muted)}
.replies{margin:.2em 0 0;padding-left:1.1em;font-size:.9em}.replies .meaning{color:var(--muted)}.replies .failure{color:var(--fail)}
.transcript td{padding:1px 8px;font-size:.9em}.transcript tr.d-event{color:var(--muted)}.transcript td.mark,.transcript td.channel{white-space:nowrap}
.transcript summary h2{display:inline;border:0}
.hint,.legend{color:var(--muted);font-size:.85em}
.scroll{overflow-x:auto}
svg{max-width:100%;height:auto;font-size:12px}
svg text{fill:var(--fg)}svg text.note,svg text.axis{fill:var(--muted)}
svg .tick{stroke:var(--line);stroke-width:1}
.span.k-step{fill:var(--ok)}.span.k-step.t-warn{fill:var(--warn)}.span.k-step.t-neutral{fill:var(--open)}
.span.k-connect{fill:var(--info)}.span.k-tls{fill:var(--tls)}.span.k-wait{fill:var(--wait)}.span.k-open{fill:var(--open)}
.span.k-data{fill:var(--data)}
.span.t-fail{fill:var(--fail)}
.range-bg{fill:var(--panel);stroke:var(--line)}
.port.o-open{fill:var(--ok)}.port.o-closed{fill:var(--fail)}.port.o-filtered{fill:var(--warn)}.port.o-unreachable{fill:var(--tls)}
.sample{stroke:var(--fg);stroke-width:2}.guess{fill:none;stroke:var(--info);stroke-width:2}
.key{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .9em;vertical-align:-.1em;border-radius:2px;background:var(--ok)}
.key.k-connect{background:var(--info)}.key.k-data{background:var(--data)}.key.k-tls{background:var(--tls)}.key.k-wait{background:var(--wait)}.key.k-open{background:var(--open);height:.3em;vertical-align:.2em}.key.t-fail,.key.o-closed{background:var(--fail)}.key.o-filtered{background:var(--warn)}.key.o-unreachable{background:var(--tls)}.key.sample{background:var(--fg);width:.2em}
footer{max-width:1040px;margin:0 auto;padding:12px 20px 24px;color:var(--muted);font-size:.8em}
@media print{button.copy{display:none}}
`;

/**
 * HTML_SCRIPT: shows the copy buttons and copies the element each one names. The page is complete
 * without it. The Clipboard API can be missing or refused (a file:// page in some browsers, a mail
 * client's viewer); then the text is selected so Ctrl+C copies it.
 */
export const HTML_SCRIPT = `
(function () {
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function say(button, text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = 'Copy'; }, 2000);
  }
  var buttons = document.querySelectorAll('button.copy');
  for (var i = 0; i < buttons.length; i += 1) {
    var button = buttons[i];
    button.hidden = false;
    button.addEventListener('click', function (event) {
      var button = event.currentTarget;
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source) return;
      var fallback = function () { select(source); say(button, 'Selected: press Ctrl+C'); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.textContent).then(function () { say(button, 'Copied'); }, fallback);
      } else {
        fallback();
      }
    });
  }
})();
`;
