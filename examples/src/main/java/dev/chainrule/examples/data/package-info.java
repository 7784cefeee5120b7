/** The examples' data sets ({@link dev.chainrule.examples.data.Datasets}): XOR, moons, iris, digits and the CO2 series. */
package dev.chainrule.examples.data;
