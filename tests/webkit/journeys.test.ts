/** The visitor's journeys in WebKit (WebKitGTK's MiniBrowser under Xvfb via WebKitWebDriver); screenshots: test-artifacts/screenshots/webkit-*.png. */
import { jest } from '@jest/globals';
import { chatJourney } from '../support/engines/chat-journey';
import { launchWebKit } from '../support/engines/webkit';

jest.setTimeout(120_000);

chatJourney(() => launchWebKit());
