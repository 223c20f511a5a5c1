"""What the public site shows around posts: audience hub pages, share links, social meta."""
