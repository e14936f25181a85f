// Prints the tally the fuzz suite wrote: requests per endpoint, statuses, 5xx and defects, memory before and after.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
console.log(`\nfuzz: ${report.sent} requests, ${report.server_errors} answered 5xx; platform RSS ${mib(report.rss_before)} -> ${mib(report.rss_after)}`);
if (report.heap_before !== null && report.heap_after !== null) console.log(`heap after a full collection: ${mib(report.heap_before)} -> ${mib(report.heap_after)}`);
for (const [endpoint, tally] of Object.entries(report.endpoints)) {
  const statuses = Object.entries(tally.statuses).map(([status, count]) => `${status}x${count}`).join(' ');
  console.log(`  ${endpoint.padEnd(26)} ${String(tally.sent).padStart(6)}  ${statuses}${tally.defects.length ? `  DEFECTS: ${tally.defects.length}` : ''}`);
}
console.log(`report: ${process.argv[2]}`);
