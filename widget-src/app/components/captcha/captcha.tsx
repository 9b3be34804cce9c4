import { useEffect, useRef } from 'preact/hooks';
import type { CaptchaDescription } from '../../../../contract/api';
import { injectScript } from '../../../common/inject-script';

interface CaptchaApi {
  render(element: HTMLElement, options: { sitekey: string; callback(token: string): void; 'expired-callback'(): void }): unknown;
}

interface Props {
  captcha: CaptchaDescription;
  onToken: (token: string | null) => void;
}

/** The site owner's captcha (Turnstile, hCaptcha or reCAPTCHA), drawn by the provider's own script. */
export function Captcha({ captcha, onToken }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    const provider = (): CaptchaApi | undefined => (window as unknown as Record<string, CaptchaApi | undefined>)[captcha.global];
    (provider() ? Promise.resolve() : injectScript(captcha.scriptUrl)).then(
      () => {
        const element = box.current;
        if (cancelled || element === null) return;
        provider()?.render(element, { sitekey: captcha.siteKey, callback: onToken, 'expired-callback': () => onToken(null) });
      },
      // Without the provider's script the visitor cannot pass; submitting says what is missing.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [captcha]);
  return <div class="captcha" ref={box} />;
}
