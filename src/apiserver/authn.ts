/**
 * Authentication: client certificates signed by the cluster CA, and bearer tokens from the
 * static token file. Anything else is anonymous, which only the health and version paths allow.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from './registry/hooks.js';

export interface TokenEntry {
  user: string;
  uid?: string;
  groups: string[];
}

export interface Authenticator {
  authenticate(req: IncomingMessage): UserInfo | undefined;
}

function asList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The client-certificate identity of each TLS connection (reading the certificate is costly). */
const certUsers = new WeakMap<object, UserInfo | null>();

function certificateUser(socket: TLSSocket): UserInfo | undefined {
  const cached = certUsers.get(socket);
  if (cached !== undefined) return cached ?? undefined;
  let user: UserInfo | null = null;
  if (socket.authorized && typeof socket.getPeerCertificate === 'function') {
    const cert = socket.getPeerCertificate();
    const cn = cert?.subject?.CN;
    const name = Array.isArray(cn) ? cn[0] : cn;
    if (name) user = { name, groups: [...asList(cert.subject.O), 'system:authenticated'] };
  }
  certUsers.set(socket, user);
  return user ?? undefined;
}

export function createAuthenticator(tokens: ReadonlyMap<string, TokenEntry>): Authenticator {
  return {
    authenticate(req) {
      const auth = req.headers.authorization;
      if (auth && /^bearer\s+/i.test(auth)) {
        const token = auth.replace(/^bearer\s+/i, '').trim();
        const entry = tokens.get(token);
        if (entry) {
          return { name: entry.user, uid: entry.uid, groups: [...entry.groups, 'system:authenticated'] };
        }
        return undefined; // a bad token is not a fallback to certificates
      }
      return certificateUser(req.socket as TLSSocket);
    },
  };
}
