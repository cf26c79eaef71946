// Package lang owns mg's syntax: the tokens, the participle grammar, the
// syntax tree with positions, and syntax errors worded for a person. It
// knows nothing of evaluation.
package lang
