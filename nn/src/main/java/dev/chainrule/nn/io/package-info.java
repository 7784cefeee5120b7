/**
 * Checkpoints in the safetensors format: {@link dev.chainrule.nn.io.SafeTensors} reads and
 * writes the files (atomically), {@link dev.chainrule.nn.io.Checkpoint} saves and loads a
 * model's named parameters with an optimizer's state, validating everything before changing
 * anything.
 */
package dev.chainrule.nn.io;
