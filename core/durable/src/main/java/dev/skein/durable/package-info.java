/** Durable graphs: a journal of runs in the service's database, and recovery of runs whose instance died. */
package dev.skein.durable;
