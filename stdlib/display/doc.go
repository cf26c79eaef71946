// Package display is how mg shows things: every object has a text form,
// and some also offer pictures (SVG, PNG). A terminal, a script's output
// or a pipe gets the text; a front end that can show pictures, such as a
// Jupyter notebook, implements Sink and gets the rich forms as well.
//
// Drawing code does not know who asks: the dot and plot builtins hand an
// Object to Show, and the output they write to decides what is shown.
package display
