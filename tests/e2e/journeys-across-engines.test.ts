/**
 * The journeys the Firefox and WebKit projects run (tests/support/engines/), here in Chromium, so
 * a step that fails in one engine is known to pass in another. Screenshots: test-artifacts/screenshots/chromium-*.png.
 */
import { jest } from '@jest/globals';
import { chatJourney } from '../support/engines/chat-journey';
import { launchChromium } from '../support/engines/chromium';
import { outboxJourney } from '../support/engines/outbox-journey';
import { pageApiJourney } from '../support/engines/page-api-journey';
import { rtlJourney } from '../support/engines/rtl-journey';

jest.setTimeout(120_000);

chatJourney(launchChromium);
outboxJourney(launchChromium);
pageApiJourney(launchChromium);
rtlJourney(launchChromium);
