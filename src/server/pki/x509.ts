/**
 * The single import point for @peculiar/x509 in Gantry. The library (through tsyringe) needs
 * the Reflect metadata polyfill loaded first; a static import cannot guarantee that order under
 * every loader (tsx evaluates CommonJS dependencies early), so the library is loaded with a
 * dynamic import after the polyfill.
 */
import 'reflect-metadata';
import type * as X509 from '@peculiar/x509';

export const x509: typeof X509 = await import('@peculiar/x509');
