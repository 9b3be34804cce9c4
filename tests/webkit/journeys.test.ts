/** The visitor's journeys in WebKit (WebKitGTK's MiniBrowser under Xvfb via WebKitWebDriver); screenshots: test-artifacts/screenshots/webkit-*.png. */
import { jest } from '@jest/globals';
import { chatJourney } from '../support/engines/chat-journey';
import { launchWebKit } from '../support/engines/webkit';
import { outboxJourney } from '../support/engines/outbox-journey';
import { pageApiJourney } from '../support/engines/page-api-journey';
import { rtlJourney } from '../support/engines/rtl-journey';

jest.setTimeout(120_000);

chatJourney(launchWebKit);
outboxJourney(launchWebKit);
pageApiJourney(launchWebKit);
rtlJourney(launchWebKit);
