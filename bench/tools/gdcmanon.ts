/**
 * Debian's gdcmanon (libgdcm-tools) in its PS3.15 Basic profile mode (-e: de-identify, the
 * removed values encrypted for the certificate into an Encrypted Attributes Sequence), one
 * process over a whole folder: the reference figure for header-only de-identification.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function gdcmanonPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v gdcmanon'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path && existsSync(path) ? path : undefined;
}

/** A throw-away self-signed certificate (the Basic profile mode encrypts the originals for it). */
export function benchCertificate(dir: string): string {
  const cert = join(dir, 'bench-cert.pem');
  if (!existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'bench-key.pem'),
      '-out', cert, '-subj', '/CN=enclave-bench', '-days', '1'], { stdio: 'ignore' });
  }
  return cert;
}

/** Seconds for `gdcmanon -e --continue -c cert -i <in> -o <out>` over the folder. */
export function timeGdcmanon(gdcmanon: string, inputDir: string, outputDir: string, certificate: string): number {
  mkdirSync(outputDir, { recursive: true });
  const started = performance.now();
  const run = spawnSync(gdcmanon, ['-e', '--continue', '-c', certificate, '-i', inputDir, '-o', outputDir], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`gdcmanon exited ${run.status}: ${run.stderr.slice(0, 400)}`);
  return seconds;
}
