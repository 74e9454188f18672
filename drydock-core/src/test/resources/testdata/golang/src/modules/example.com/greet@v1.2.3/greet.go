// Package greet is a tiny dependency of the Drydock Go fixtures.
package greet

// Hello returns a greeting for name.
func Hello(name string) string { return "hello, " + name }
