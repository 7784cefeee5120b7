/**
 * The {@code chainrule} command line ({@link dev.chainrule.examples.Chainrule}): the worked
 * example of the lecture notes, training examples from XOR to Fashion-MNIST on scalar and tensor
 * models, the lab that shows and diagnoses training problems, and tools that draw, check and
 * benchmark the graph of an expression. Not a library: nothing here is API.
 */
package dev.chainrule.examples;
