/** The PBX connection: OpenAPI client, certificate probe and pinning. Public surface of electron/core/pbx. */
export { PbxClient, type BatchCreateInput, type CompatibilityModel, type CompatibilityVendor, type ConnectionCheck, type PbxClientOptions } from './client';
export type { CallSpec, PbxConnectionOptions, RetryPolicy, WriteItemError, WriteResult } from './connection';
export type { AuthStatus, CredentialsProvider, PbxCredentials } from './auth';
export { PbxError, type PbxErrorDetails } from './errors';
export { probeCertificate, type CertificatePin, type CertificateProbe, type ProbedCertificate } from './tls';
export { createPbxPort, createOutcomeOf, toPhoneOnPbx, troubleOf } from './sync-port';
