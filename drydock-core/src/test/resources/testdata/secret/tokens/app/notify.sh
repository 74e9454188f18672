#!/bin/sh
SLACK_BOT_TOKEN="xoxb-232568523885-3915200288497-DjGbfm5N9sask5zM0XlJV9u9"
curl -X POST -d @msg.json https://hooks.slack.com/services/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
# docs: https://api.slack.com/messaging/webhooks
