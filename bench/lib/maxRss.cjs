// maxRss.cjs: preloaded with `node --require` into a measured process; at exit it appends the
// process's peak resident set size (getrusage ru_maxrss, in kilobytes) to $BENCH_MAX_RSS_FILE.
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_MAX_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
