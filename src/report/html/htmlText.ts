import { sanitizeForTerminal, sanitizeForXml } from '../text/sanitize.js';

/** HtmlTextOptions: as for the terminal, plus where the text goes. */
export interface HtmlTextOptions {
  readonly maxChars?: number;
  readonly multiline?: boolean;
}

/**
 * htmlText makes untrusted text safe inside an HTML element or a quoted attribute value: control,
 * bidi and invisible characters first become visible escapes (as on a terminal, so a banner cannot
 * reorder or hide text on the page), then `& < > " '` become character references. What comes out
 * can therefore never open a tag, close a `<style>` or `<script>`, or leave an attribute.
 */
export function htmlText(value: string, options: HtmlTextOptions = {}): string {
  return sanitizeForXml(
    sanitizeForTerminal(value, { maxChars: options.maxChars ?? 2000, multiline: options.multiline }),
  );
}
