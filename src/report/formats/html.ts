import { renderHtmlReport } from '../html/renderHtmlReport.js';
import type { OutputFormatDefinition } from './registry.js';

export { type HtmlReportContext, renderHtmlReport } from '../html/renderHtmlReport.js';

export const format: OutputFormatDefinition = {
  name: 'html',
  description: 'one self-contained HTML page (write it with -o report.html)',
  render: (reports, context) => ({
    text: renderHtmlReport(reports, {
      toolVersion: context.toolVersion,
      fixDialects: context.fixDialects,
      strict: context.strict,
    }),
  }),
};
