import { LOGO_MAX_BYTES, type Problem } from '@ordercare/contracts';
import { problem } from '../../platform/http/index.js';
import type { SettingsError } from './company-settings.js';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MiB`;

/** The one place settings outcomes become HTTP problems. */
export function settingsProblem(e: SettingsError): Problem {
  switch (e.code) {
    case 'if_match_required':
      return problem(428, 'if_match_required', 'Send If-Match: "<version>" with the version of the company settings you edited, so a concurrent change is not overwritten.', [{ path: 'header.if-match', message: 'is required' }]);
    case 'invalid_if_match':
      return problem(400, 'validation_failed', `If-Match must be a settings version such as "3", not ${e.value}.`, [{ path: 'header.if-match', message: 'must be a version such as "3"' }]);
    case 'version_conflict':
      return problem(412, 'version_conflict', `The company settings changed since you loaded them: you sent version ${e.expected}, they are now at version ${e.current}. Reload them and apply your change again.`);
    case 'invalid_logo':
      return problem(400, 'validation_failed', `The logo ${e.message}.`, [{ path: 'body.dataBase64', message: e.message }]);
    case 'logo_too_large':
      return problem(413, 'payload_too_large', `The logo is ${mb(e.bytes)} (${e.bytes} bytes); it may be at most ${mb(LOGO_MAX_BYTES)} (${LOGO_MAX_BYTES} bytes). Scale it down: a logo is printed about 3 cm wide.`, [
        { path: 'body.dataBase64', message: `is ${e.bytes} bytes decoded; at most ${LOGO_MAX_BYTES} are accepted` },
      ]);
    case 'no_logo':
      return problem(404, 'not_found', 'No company logo has been uploaded.');
    default: {
      const never: never = e;
      return never;
    }
  }
}
