"""Synthetic images: the class-conditional generators (GAN, VAE), accepted sets and their quality."""
