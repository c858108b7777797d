"""The window around the pages and the way to it: launcher, main window, page list, start-up steps, hand-off, package view."""
