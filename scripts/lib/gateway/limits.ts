/**
 * What the local gateway lets through to the Functions, and where each figure comes from. The gateway
 * stands in for Twilio's Functions Gateway
 * (https://www.twilio.com/docs/serverless/functions-assets/functions/request-flow), so these follow
 * Twilio where Twilio says something, and otherwise what twilio-run itself would refuse, answered as
 * JSON instead of its HTML error pages.
 */

/**
 * Twilio documents no request size limit for Functions. Its own local runtime accepts 6 MB, "the
 * default for Lambda/Twilio Functions" (https://github.com/twilio-labs/serverless-toolkit/pull/102;
 * `DEFAULT_BODY_SIZE_LAMBDA` in @twilio/runtime-handler's dev-runtime/server.js). Our Functions enforce
 * their own, much smaller limits on the fields they read.
 */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * body-parser's `parameterLimit` for form bodies and qs's for query strings, both 1,000 in twilio-run
 * (body-parser refuses more with 413; qs silently drops the rest, which the gateway refuses instead).
 */
export const MAX_PARAMETERS = 1000;

/**
 * Nesting of a JSON body. Our widget sends depth 2 (`{formData: {...}}`). Nothing in Twilio's or
 * twilio-run's parsing bounds it, and recursive code downstream (structured cloning to a forked
 * runner, stack-trace serialisation, validators) overflows the stack a few thousand levels deep: 32 is
 * far above any real request and far below that.
 */
export const MAX_JSON_DEPTH = 32;
