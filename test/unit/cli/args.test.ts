import { describe, expect, it } from 'vitest';
import { parseDeidArgs } from '../../../src/cli/deid/args';
import { decodeSecret, generatedSecretPath } from '../../../src/cli/deid/secret-file';
import { ProgressReporter } from '../../../src/cli/deid/progress';

describe('enclave deid arguments', () => {
  it('reads paths and options in any order, with = or a separate value', () => {
    expect(parseDeidArgs(['in', '--jobs', '3', 'out', '--policy=p.json', '--secret-file', 's.hex', '--allow-findings'])).toEqual({
      input: 'in', output: 'out', policyFile: 'p.json', secretFile: 's.hex', jobs: 3, allowFindings: true, ocr: true, help: false,
    });
    expect(parseDeidArgs(['a', 'b'])).toEqual({ input: 'a', output: 'b', allowFindings: false, ocr: true, help: false });
    expect(parseDeidArgs(['a', 'b', '--no-ocr']).ocr).toBe(false);
    expect(parseDeidArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['in'], 'expected <in> and <out>, got 1 path(s)'],
    [['a', 'b', 'c'], 'expected <in> and <out>, got 3 path(s)'],
    [['a', 'b', '--jobs', '0'], '--jobs must be a whole number from 1 to 256'],
    [['a', 'b', '--jobs', 'x'], '--jobs must be a whole number from 1 to 256'],
    [['a', 'b', '--policy'], '--policy needs a value'],
    [['a', 'b', '--zip'], 'unknown option --zip'],
    [['a', 'b', '--policy', 'p', '--policy', 'q'], '--policy given twice'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseDeidArgs(argv)).toThrow(message);
  });
});

describe('secret file', () => {
  const raw = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  it('accepts binary, hex and base64 text of 32+ bytes', () => {
    expect(decodeSecret(raw)).toEqual(raw);
    expect(decodeSecret(new TextEncoder().encode(`${Buffer.from(raw).toString('hex')}\n`))).toEqual(raw);
    expect(decodeSecret(new TextEncoder().encode(Buffer.from(raw).toString('base64')))).toEqual(raw);
  });
  it('refuses fewer than 32 bytes', () => {
    expect(() => decodeSecret(new TextEncoder().encode('00ff'))).toThrow('the secret file holds 2 bytes; it needs at least 32 random bytes');
  });
  it('is generated beside the output, not inside it', () => {
    expect(generatedSecretPath('/data/out/')).toBe('/data/out.enclave-secret.hex');
  });
});

describe('progress', () => {
  it('prints plain lines at the first file and every 10% when not on a terminal', () => {
    const lines: string[] = [];
    const p = new ProgressReporter(20, { isTTY: false, write: (t: string) => lines.push(t) });
    for (let i = 0; i < 20; i++) p.tick();
    expect(lines).toEqual([1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20].map((n) => `deid: ${n}/20 files\n`));
  });
  it('redraws one bar in place on a terminal', () => {
    const out: string[] = [];
    const p = new ProgressReporter(2, { isTTY: true, write: (t: string) => out.push(t) });
    p.tick();
    p.tick();
    expect(out[0]).toMatch(/^\rdeid \[#{15}-{15}\] 1\/2 50% [\d.]+ files\/s$/);
    expect(out.slice(-2)[0]).toMatch(/^\rdeid \[#{30}\] 2\/2 100% /);
    expect(out.at(-1)).toBe('\n');
  });
});
