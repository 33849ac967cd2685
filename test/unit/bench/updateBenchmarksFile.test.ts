import { describe, expect, it } from 'vitest';
import { BENCHMARKS_INTRO, renderSection, upsertSection } from '../../../bench/lib/updateBenchmarksFile.js';

const report = (value: string) => ({ headline: `${value} records/s`, figures: [{ label: 'records/s', value }], notes: ['one pass'] });

describe('upsertSection', () => {
  it('starts a new file with the intro and the section', () => {
    const file = upsertSection('', 'core', renderSection('core', 'Core', 'today', report('1')));
    expect(file.startsWith(BENCHMARKS_INTRO)).toBe(true);
    expect(file).toContain('| records/s | 1 |');
    expect(file).toContain('- one pass');
  });

  it('replaces only its own section and keeps other sections and hand-written text', () => {
    let file = upsertSection('', 'core', renderSection('core', 'Core', 'today', report('1')));
    file += '\nAnalysis of core, written by hand.\n';
    file = upsertSection(file, 'worker', renderSection('worker', 'Worker', 'today', report('7')));
    file = upsertSection(file, 'core', renderSection('core', 'Core', 'tomorrow', report('2')));
    expect(file).toContain('| records/s | 2 |');
    expect(file).not.toContain('| records/s | 1 |');
    expect(file).toContain('Analysis of core, written by hand.');
    expect(file).toContain('| records/s | 7 |');
    expect(file.indexOf('Analysis of core')).toBeLessThan(file.indexOf('<!-- bench:worker:begin -->'));
  });
});

describe('renderSection tables', () => {
  it('renders each table with its caption, numbers aligned right and text left, and its rows', () => {
    const section = renderSection('throughput', 'Throughput', 'today', {
      headline: 'h', figures: [],
      tables: [{ caption: 'Medians.', columns: ['system', 'records/s', 'peak RSS', 'check'], rows: [['worker', '9,000', '150', 'ok'], ['peer', '12,000', 'n/a', 'ok']] }],
    });
    expect(section).not.toContain('| figure | value |');
    expect(section).toContain('Medians.\n\n| system | records/s | peak RSS | check |\n|---|---:|---:|---|\n| worker | 9,000 | 150 | ok |\n| peer | 12,000 | n/a | ok |');
  });
});
