import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Webhook URLs must not reach into the server's own network (SSRF) unless WEBHOOKS_ALLOW_PRIVATE
 * is set: loopback, private (RFC 1918, fc00::/7), link-local (incl. cloud metadata 169.254.169.254),
 * unspecified and CGNAT addresses are refused. Checked on create/update (literal hosts) and again
 * before each delivery (the resolved addresses, so a DNS name cannot point there later).
 */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (v === 6) {
    const x = address.toLowerCase();
    if (x === '::1' || x === '::') return true;
    if (x.startsWith('::ffff:')) return isPrivateAddress(x.slice(7));
    return /^f[cd]/.test(x) || /^fe[89ab]/.test(x);
  }
  return false;
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

/** Literal check for the API: localhost names and private IP literals. */
export function refusedHost(url: string): string | undefined {
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    return 'must not point at a loopback or private address (set WEBHOOKS_ALLOW_PRIVATE=true to allow)';
  }
  return undefined;
}

/** Resolves the host before a delivery; an error message when any address is private. */
export async function refusedResolved(url: string): Promise<string | undefined> {
  const literal = refusedHost(url);
  if (literal) return literal;
  const host = hostOf(url);
  if (isIP(host)) return undefined;
  const addresses = await lookup(host, { all: true });
  return addresses.some((a) => isPrivateAddress(a.address)) ? `${host} resolves to a private address; refused` : undefined;
}
