import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The root certificates of PEM files, read once at start; a file without one stops the start with its name. */
export function readTrustAnchors(files: readonly string[], variable: string): X509Certificate[] {
  return files.flatMap((file) => {
    const pems = readFileSync(file, 'utf8').match(PEM_CERTIFICATE);
    if (!pems) throw new Error(`${variable}: ${file} holds no PEM certificate`);
    return pems.map((pem) => new X509Certificate(pem));
  });
}
