// A throwaway GitHub App key pair, generated on the spot: tests and the demo never need a real
// app's private key. PKCS#1 PEM, the format GitHub hands out and Probot's PRIVATE_KEY expects.
import { generateKeyPairSync } from 'node:crypto';

export interface AppKeyPair {
  /** `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1), for PRIVATE_KEY. */
  privateKeyPem: string;
  /** SPKI PEM, for the simulator's registerApp. */
  publicKeyPem: string;
}

export function generateAppKeyPair(bits = 2048): AppKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
