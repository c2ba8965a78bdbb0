/** A preference example: a prompt, two responses and one outcome per objective. */
package dev.mopo.datasets.example;
