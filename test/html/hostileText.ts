/** INJECTION_MARKER: the global every injection attempt below tries to set. */
export const INJECTION_MARKER = '__ftpDoctorInjected';

/**
 * HOSTILE_BANNER: greeting lines a hostile server sends to break out of the HTML report: a script
 * tag, a closing style tag with an event handler, attribute breakers with both quotes, a closing
 * of the table and pre the transcript sits in, an entity, a terminal escape and a right-to-left
 * override that would make `txt.exe` read as `exe.txt`.
 */
export const HOSTILE_BANNER: readonly string[] = [
  `<script>window.${INJECTION_MARKER}=1</script>`,
  `</style><img src=x onerror="window.${INJECTION_MARKER}=2">`,
  `"'><svg onload=window.${INJECTION_MARKER}=3>`,
  `</code></td></tr></table></pre><iframe src="http://198.18.0.1/"></iframe>`,
  '&lt;b&gt; entity &amp; \u001b[2J cleared \u202etxt.exe',
];
