"""What the builder writes into docs/: article pages and the generated index pages."""
