// Package shout is a tiny dependency of the Drydock Go fixtures.
package shout

// Bang appends an exclamation mark.
func Bang(s string) string { return s + "!" }
