import type { ProblemCode } from './validate';

/** Short names of problems for the problems bar ("Duplicate MAC 3"). */
export const PROBLEM_LABELS: Readonly<Record<ProblemCode, string>> = {
  'mac-missing': 'MAC missing',
  'mac-invalid': 'Invalid MAC',
  'mac-duplicate': 'Duplicate MAC',
  'mac-on-pbx': 'MAC already on PBX',
  'mac-on-pbx-same': 'Already on PBX',
  'mac-vendor-mismatch': 'MAC of another vendor',
  'ext-missing': 'Extension missing',
  'ext-invalid': 'Invalid extension',
  'ext-not-found': 'Extension not on PBX',
  'ext-duplicate': 'Extension used twice',
  'ext-has-phones': 'Extension has phones',
  'ext-full': 'Extension over 5 phones',
  'vendor-missing': 'Vendor missing',
  'vendor-unknown': 'Vendor not offered',
  'model-missing': 'Model missing',
  'model-unknown': 'Model not offered',
  'template-missing': 'Template missing',
  'template-unknown': 'Template not offered',
  'pbx-spelling': 'Spelt unlike the PBX',
  'method-missing': 'Method missing',
  'method-unsupported': 'Method not offered',
  'auth-not-rps': 'Auth without RPS',
  'rps-pin-invalid': 'Invalid RPS PIN',
};
