// Package localdep lives next to its user and is wired in with a directory replacement.
package localdep

// Name names the fixture.
func Name() string { return "localdep" }
