"""What kb learns from use: hit counts, the unknown-errors queue, feedback, signature quality."""
