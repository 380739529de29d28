"""Tests in Chromium: accessibility, layout on phone and desktop, the admin with JavaScript."""
