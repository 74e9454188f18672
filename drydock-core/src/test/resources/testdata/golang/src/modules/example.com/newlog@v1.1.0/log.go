// Package log stands in for example.com/oldlog through a replace directive.
package log

// Prefix tags a message.
func Prefix(s string) string { return "[newlog] " + s }
