/**
 * Why a row or a file was thrown away, and the exceptions that say so: every message names
 * the file, the row, the field and the value.
 */
package dev.mopo.datasets.reject;
