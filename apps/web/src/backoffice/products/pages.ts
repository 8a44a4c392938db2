/** Entry of the products chunk (loaded lazily by the router). */
export { ProductsPage } from './ProductsPage';
export { ProductDetailPage } from './ProductDetailPage';
export { ProductCreatePage, ProductEditPage } from './ProductFormPages';
