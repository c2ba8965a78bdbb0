/** File helpers every module shares: atomic writes for checkpoints and reports. */
package dev.mopo.core.io;
