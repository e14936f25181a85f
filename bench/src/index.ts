export * from './bench-options.js';
export * from './bench-result.js';
export * from './run-bench.js';
export * from './format-table.js';
export * from './write-result.js';
