/**
 * The widget and the Functions judge a form by the same rules: whatever the widget lets a visitor
 * submit, initWebchat accepts and can store, whatever the characters, lengths and extra fields.
 */
import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { LIMITS } from '../../contract/limits';
import { parsePreEngagement } from '../../functions/lib/pre-engagement';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import { formData, validateForm } from '../../widget-src/app/form/validate-form';

// Text as a visitor might paste it: any characters, many bytes per character, or near a limit.
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', ' ', '\n', '@', '.'), minLength: maxLength - 5, maxLength: maxLength + 5 }),
    // One character repeated up to the limit: the most bytes a field can carry.
    fc.tuple(fc.constantFrom('a', 'é', '中', '"'), fc.integer({ min: 0, max: 5 })).map(([unit, short]) => unit.repeat(maxLength - short)),
  );
const email = fc.oneof(fc.emailAddress(), fc.string({ unit: fc.constantFrom('a', '@', '.', ' ', 'é'), maxLength: 20 }));
const extraName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,45}$/);

describe('the widget never accepts a form the Functions refuse (properties)', () => {
  test.prop([
    fc.uniqueArray(extraName, { maxLength: 14 }),
    fc.dictionary(fc.constantFrom('friendlyName', 'query'), text(LIMITS.query)),
    email,
    fc.array(text(LIMITS.extraValue), { maxLength: 14 }),
  ])('a form the widget accepts is stored by initWebchat', (extraNames, standard, address, extraValues) => {
    const config = resolveAppConfig({
      preEngagement: {
        fields: [
          { name: 'friendlyName', label: 'Name', required: false },
          { name: 'email', label: 'Email', type: 'email', required: false },
          { name: 'query', label: 'Question', type: 'textarea', required: false },
          ...extraNames.map((name) => ({ name, label: name, type: 'textarea' as const })),
        ],
      },
    });
    const values: Record<string, string> = { ...standard, email: address };
    extraNames.forEach((name, i) => (values[name] = extraValues[i] ?? ''));
    fc.pre(Object.keys(validateForm(config.fields, values)).length === 0);
    expect(() => parsePreEngagement({ formData: formData(config.fields, values) })).not.toThrow();
  });
});
