// The run as a list of named steps, so the output says plainly which steps
// ran, which were skipped (and why) and which failed.
export class Steps {
  constructor() {
    this.rows = [];
  }

  // Runs a step; a failure is recorded and rethrown (later steps build on it).
  async run(name, fn) {
    const t0 = performance.now();
    process.stdout.write(`  … ${name}\n`);
    try {
      await fn();
      this.rows.push({ name, status: 'ran', ms: performance.now() - t0 });
    } catch (e) {
      this.rows.push({ name, status: 'FAILED', ms: performance.now() - t0, detail: e.stack || String(e) });
      throw e;
    }
  }

  // Runs the step only when `available` is true; otherwise records the skip.
  async when(available, reason, name, fn) {
    if (available) return this.run(name, fn);
    process.stdout.write(`  - ${name}: skipped (${reason})\n`);
    this.rows.push({ name, status: 'skipped', detail: reason });
  }

  count(status) {
    return this.rows.filter((r) => r.status === status).length;
  }

  summary() {
    const width = Math.max(...this.rows.map((r) => r.name.length), 10);
    const lines = this.rows.map((r) => {
      const time = r.ms === undefined ? '' : `${(r.ms / 1000).toFixed(1).padStart(5)} s`;
      const detail = r.status === 'skipped' ? `  (${r.detail})` : '';
      return `  ${r.status.padEnd(7)} ${r.name.padEnd(width)} ${time}${detail}`;
    });
    const failed = this.rows.find((r) => r.status === 'FAILED');
    if (failed) lines.push('', `FAILED: ${failed.name}`, failed.detail);
    return lines.join('\n');
  }
}
