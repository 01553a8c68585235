/** Devices, groups, credentials; devices.yaml and patina.yaml loading with file:line errors. */
package dev.patina.inventory;
