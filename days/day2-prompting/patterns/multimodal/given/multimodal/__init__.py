"""Images and PDFs sent to both providers in their SDKs' own content types, and code read from a screenshot."""
from multimodal.content import ask, code_from_image, extract_code, image_part, pdf_part

__all__ = ["ask", "code_from_image", "extract_code", "image_part", "pdf_part"]
