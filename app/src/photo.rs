//! Profile photos: whatever image is uploaded is decoded (within limits), turned the right
//! way up, shrunk to fit a square and written out again as a JPEG. Nothing of the uploaded
//! file but its pixels is kept: no metadata (a phone photo's location), no script.

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, codecs::jpeg::JpegEncoder};
use std::io::Cursor;

/// Photos are kept at most this many pixels wide and high.
pub const SIDE: u32 = 400;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    #[error("The photo must be a JPG, PNG or WebP image")]
    NotAnImage,
    #[error("The photo is too large: it must be 8,000 pixels or fewer on each side")]
    TooManyPixels,
}

/// The uploaded image as a JPEG at most [`SIDE`] pixels on each side.
pub fn reencode(upload: &[u8]) -> Result<Vec<u8>, PhotoError> {
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| PhotoError::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP)
    ) {
        return Err(PhotoError::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(8000);
    limits.max_image_height = Some(8000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::NotAnImage,
    })?;
    let orientation = decoder.orientation().map_err(|_| PhotoError::NotAnImage)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::NotAnImage,
    })?;
    picture.apply_orientation(orientation);
    let small = picture.thumbnail(SIDE, SIDE).to_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&small)
        .map_err(|_| PhotoError::NotAnImage)?;
    Ok(jpeg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]))
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn an_image_becomes_a_small_jpeg_of_the_same_shape() {
        let jpeg = reencode(&png(1200, 600)).unwrap();
        assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "a JPEG");
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (SIDE, SIDE / 2));
    }

    #[test]
    fn anything_but_an_image_is_refused() {
        assert_eq!(
            reencode(b"<svg onload=alert(1)>"),
            Err(PhotoError::NotAnImage)
        );
        assert_eq!(reencode(b"GIF89a...."), Err(PhotoError::NotAnImage));
        let mut truncated = png(50, 50);
        truncated.truncate(40);
        assert_eq!(reencode(&truncated), Err(PhotoError::NotAnImage));
    }

    #[test]
    fn an_image_with_too_many_pixels_is_refused_before_it_is_decoded() {
        assert_eq!(reencode(&png(8001, 1)), Err(PhotoError::TooManyPixels));
    }
}
