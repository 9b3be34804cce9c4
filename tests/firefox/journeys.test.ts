/** The visitor's journeys in Firefox (Debian's firefox-esr over WebDriver BiDi); screenshots: test-artifacts/screenshots/firefox-*.png. */
import { jest } from '@jest/globals';
import { chatJourney } from '../support/engines/chat-journey';
import { launchFirefox } from '../support/engines/firefox';
import { outboxJourney } from '../support/engines/outbox-journey';
import { pageApiJourney } from '../support/engines/page-api-journey';
import { rtlJourney } from '../support/engines/rtl-journey';

jest.setTimeout(120_000);

chatJourney(launchFirefox);
outboxJourney(launchFirefox);
pageApiJourney(launchFirefox);
rtlJourney(launchFirefox);
