package dev.patina.notify;

/** What a run did for one device. */
public enum DeviceStatus { CHANGED, NEW, UNCHANGED, FAILED }
